package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.NoLeftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's test_multiprocessing queue tests, across real child JVMs. */
@Timeout(120)
class QueueProcessTest {
    @AfterAll
    static void nothingLeft() {
        NoLeftovers.check();
    }

    private static Process started(SerializableRunnable target) {
        var p = new Process(target);
        p.start();
        return p;
    }

    private static void joinAll(Process... ps) {
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)), "child still running");
            assertEquals(0, p.exitCode(), "exit code of " + p.name());
        }
    }

    @Test
    void childProducesParentConsumes() {
        var q = new Queue<Object>();
        var p = started(() -> {
            q.put("hello");
            q.put(null);
            q.put(List.of(1, 2, 3));
            for (int i = 0; i < 1000; i++) q.put(i);
        });
        assertEquals("hello", q.get(Duration.ofSeconds(30)));
        assertNull(q.get());
        assertEquals(List.of(1, 2, 3), q.get());
        for (int i = 0; i < 1000; i++) assertEquals(i, q.get());
        joinAll(p);
        assertTrue(q.isEmpty());
    }

    @Test
    void twoProducersTwoConsumersMoveAMillionIntsExactly() {
        var work = new Queue<Integer>(10_000);
        var sums = new Queue<long[]>();
        int perProducer = 500_000;
        var producers = new ArrayList<Process>();
        for (int k = 0; k < 2; k++) {
            int base = k * perProducer;
            producers.add(started(() -> { for (int i = 0; i < perProducer; i++) work.put(base + i); }));
        }
        var consumers = new ArrayList<Process>();
        for (int k = 0; k < 2; k++) {
            consumers.add(started(() -> {
                long sum = 0, count = 0;
                while (true) {
                    Integer v = work.get();
                    if (v < 0) break;
                    sum += v;
                    count++;
                }
                sums.put(new long[] {sum, count});
            }));
        }
        joinAll(producers.toArray(Process[]::new));
        work.put(-1);
        work.put(-1);
        long sum = 0, count = 0;
        for (int k = 0; k < 2; k++) {
            long[] r = sums.get(Duration.ofSeconds(60));
            sum += r[0];
            count += r[1];
        }
        joinAll(consumers.toArray(Process[]::new));
        long n = 2L * perProducer;
        assertEquals(n, count);
        assertEquals(n * (n - 1) / 2, sum);
    }

    @Test
    void fifoPerProducerAcrossProcesses() {
        var q = new Queue<int[]>();
        var ps = new ArrayList<Process>();
        for (int k = 0; k < 3; k++) {
            int id = k;
            ps.add(started(() -> { for (int i = 0; i < 20_000; i++) q.put(new int[] {id, i}); }));
        }
        int[] next = new int[3];
        for (int i = 0; i < 60_000; i++) {
            int[] item = q.get(Duration.ofSeconds(60));
            assertEquals(next[item[0]]++, item[1], "order of producer " + item[0]);
        }
        joinAll(ps.toArray(Process[]::new));
    }

    @Test
    void sixtyFourMiBItemFromAChild() {
        var q = new Queue<byte[]>();
        var p = started(() -> {
            byte[] big = new byte[64 << 20];
            for (int i = 0; i < big.length; i += 4096) big[i] = (byte) (i >>> 12);
            q.put(big);
            q.put(new byte[] {42});
        });
        byte[] got = q.get(Duration.ofSeconds(60));
        assertEquals(64 << 20, got.length);
        for (int i = 0; i < got.length; i += 4096) assertEquals((byte) (i >>> 12), got[i]);
        assertArrayEquals(new byte[] {42}, q.get());
        joinAll(p);
    }

    @Test
    void emptyAndFullTimeoutsSeenFromAChild() {
        var q = new Queue<Integer>(1);
        var results = new Queue<String>();
        var p = started(() -> {
            try { q.get(Duration.ofMillis(100)); results.put("got"); } catch (QueueEmptyException e) { results.put("empty"); }
            q.put(1);
            try { q.put(2, Duration.ofMillis(100)); results.put("put"); } catch (QueueFullException e) { results.put("full"); }
            results.put("full? " + q.isFull() + " size " + q.qsize());
        });
        assertEquals("empty", results.get(Duration.ofSeconds(30)));
        assertEquals("full", results.get(Duration.ofSeconds(30)));
        assertEquals("full? true size 1", results.get(Duration.ofSeconds(30)));
        assertEquals(1, q.get());
        joinAll(p);
    }

    @Test
    void killedProducerNeverBlocksOrCorruptsTheQueue() throws Exception {
        var q = new Queue<byte[]>();
        int size = 16 << 20;
        var p = started(() -> {
            for (int seq = 0; ; seq++) {
                byte[] item = new byte[size];
                java.util.Arrays.fill(item, (byte) seq);
                q.put(item);
            }
        });
        // take a few, then kill it at an arbitrary point, most likely in the middle of copying an item
        for (int i = 0; i < 3; i++) check(q.get(Duration.ofSeconds(30)), size, i);
        Thread.sleep(7);
        p.kill();
        p.join();
        assertEquals(-9, p.exitCode());
        int seen = 3;
        while (true) {
            byte[] item;
            try {
                item = q.get(Duration.ofMillis(500));
            } catch (QueueEmptyException e) {
                break;
            }
            check(item, size, seen++);
        }
        // the queue still works for everyone: another producer, then this consumer
        var p2 = started(() -> q.put(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, q.get(Duration.ofSeconds(30)));
        joinAll(p2);
        assertEquals(0, q.qsize());
    }

    private static void check(byte[] item, int size, int seq) {
        assertEquals(size, item.length);
        for (int i = 0; i < item.length; i += 1021) assertEquals((byte) seq, item[i], "item " + seq + " intact at " + i);
        assertEquals((byte) seq, item[item.length - 1]);
    }

    @Test
    void killedConsumerBlockedInGetDoesNotBlockOthers() {
        var q = new Queue<Integer>();
        var p = started(() -> q.get()); // holds the get lock while it waits
        Leftovers.sleep(1500);
        p.kill();
        p.join();
        q.put(7);
        assertEquals(7, q.get(Duration.ofSeconds(10)));
    }

    @Test
    void killedProducerBlockedOnAFullQueueDoesNotBlockOthers() {
        var q = new Queue<Integer>(1);
        q.put(0);
        var p = started(() -> q.put(1)); // holds the put lock while it waits for room
        Leftovers.sleep(1500);
        p.kill();
        p.join();
        assertEquals(0, q.get(Duration.ofSeconds(10)));
        q.put(2, Duration.ofSeconds(10));
        assertEquals(2, q.get(Duration.ofSeconds(10)));
        assertTrue(q.isEmpty());
    }

    @Test
    void joinableQueueAcrossProcesses() {
        var q = new JoinableQueue<Integer>();
        var consumed = new Queue<Integer>();
        var workers = new ArrayList<Process>();
        for (int k = 0; k < 2; k++) {
            workers.add(started(() -> {
                while (true) {
                    Integer v = q.get();
                    if (v == null) { q.taskDone(); return; }
                    consumed.put(v);
                    q.taskDone();
                }
            }));
        }
        for (int i = 0; i < 100; i++) q.put(i);
        q.join();
        assertEquals(100, consumed.qsize());
        q.put(null);
        q.put(null);
        q.join();
        joinAll(workers.toArray(Process[]::new));
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 100; i++) got.add(consumed.get());
        assertEquals(100, got.size());
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void shutdownWakesAChildBlockedInGet() {
        var q = new Queue<Integer>();
        var p = started(() -> {
            try {
                q.get();
                System.exit(2);
            } catch (QueueShutDownException e) {
                System.exit(3);
            }
        });
        Leftovers.sleep(1000);
        q.shutdown();
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(3, p.exitCode());
    }

    @Test
    void aQueuePassedAroundIsTheSameQueue() {
        var q = new Queue<Object>();
        var back = Pipe.<Object>open();
        var p = started(() -> {
            Queue<Object> again = (Queue<Object>) back.right().recv();
            back.right().send(again == q); // deserialized twice in the child: one instance
            q.put("from child");
            back.right().send(q);
        });
        back.left().send(q);
        assertEquals(true, back.left().recv());
        assertEquals("from child", q.get(Duration.ofSeconds(30)));
        assertSame(q, back.left().recv());
        joinAll(p);
    }

    @Test
    void simpleQueueAcrossProcesses() {
        var sq = new SimpleQueue<String>();
        var p = started(() -> { sq.put("a"); sq.put("b"); });
        assertEquals("a", sq.get());
        assertEquals("b", sq.get());
        joinAll(p);
        assertTrue(sq.isEmpty());
    }
}
