package dev.mp4j;

import dev.mp4j.testing.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Queue semantics within one process (threads); QueueProcessTest covers real child processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueTest {
    @Test
    void fifoWithEveryKindOfItem() {
        var q = new Queue<Object>();
        Object[] items = {1, null, "two", 3L, new byte[] {4}, List.of(5), new java.util.Date(6)};
        for (Object o : items) q.put(o);
        assertEquals(items.length, q.qsize());
        assertFalse(q.isEmpty());
        assertFalse(q.isFull());
        for (Object o : items) {
            Object got = q.get();
            if (o instanceof byte[] b) assertArrayEquals(b, (byte[]) got); else assertEquals(o, got);
        }
        assertTrue(q.isEmpty());
        assertEquals(0, q.qsize());
    }

    @Test
    void emptyAndFullWithTimeouts() {
        var q = new Queue<Integer>(2);
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(-5)));
        long t = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(200)));
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms >= 190 && ms < 2000, "waited " + ms);
        q.put(1);
        q.putNowait(2);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ZERO));
        t = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t >= 190_000_000L);
        assertEquals(1, q.get(Duration.ofSeconds(1)));
        q.put(3, Duration.ofSeconds(1));
        assertEquals(2, q.getNowait());
        assertEquals(3, q.get());
    }

    @Test
    void blockedPutWakesWhenRoomAppears() throws Exception {
        var q = new Queue<Integer>(1);
        q.put(1);
        var putter = Async.run(() -> q.put(2));
        Thread.sleep(100);
        assertFalse(putter.isDone());
        assertEquals(1, q.get());
        putter.get(5, TimeUnit.SECONDS);
        assertEquals(2, q.get());
    }

    @Test
    void notSerializableFailsAtPutAndSendsNothing() {
        var q = new Queue<Object>();
        var e = assertThrows(IllegalArgumentException.class, () -> q.put(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"));
        assertTrue(q.isEmpty());
    }

    @Test
    void closeIsPerProcessAndRepeatable() {
        var q = new Queue<Integer>();
        q.put(1);
        assertThrows(IllegalStateException.class, q::joinThread);
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put(2));
        assertThrows(IllegalStateException.class, q::get);
        q.joinThread();
        q.cancelJoinThread();
        assertEquals(1, q.qsize());
    }

    @Test
    void shutdownGraceful() throws Exception {
        var q = new Queue<Integer>(1);
        q.put(1);
        var blockedPut = Async.supply(() -> { try { q.put(2); return "put"; } catch (RuntimeException e) { return e; } });
        Thread.sleep(100);
        q.shutdown();
        assertInstanceOf(QueueShutDownException.class, blockedPut.get(5, TimeUnit.SECONDS));
        // shutdown is checked before fullness
        assertThrows(QueueShutDownException.class, () -> q.putNowait(3));
        assertEquals(1, q.get());
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
        var q2 = new Queue<Integer>();
        var blockedGet = Async.supply(() -> { try { return q2.get(); } catch (RuntimeException e) { return e; } });
        Thread.sleep(100);
        q2.shutdown(false);
        assertInstanceOf(QueueShutDownException.class, blockedGet.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shutdownImmediateDropsItemsAndReleasesJoin() throws Exception {
        var q = new JoinableQueue<Integer>();
        q.put(1);
        q.put(2);
        var joiner = Async.run(q::join);
        Thread.sleep(100);
        assertFalse(joiner.isDone());
        q.shutdown(true);
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, () -> q.put(3));
        assertTrue(q.isEmpty());
        joiner.get(5, TimeUnit.SECONDS);
    }

    @Test
    void joinableQueueCountsTasks() throws Exception {
        var q = new JoinableQueue<String>(4);
        Queue<String> asQueue = q;
        asQueue.put("a");
        q.put("b");
        assertEquals("a", q.get());
        q.taskDone();
        var joined = Async.run(q::join);
        Thread.sleep(100);
        assertFalse(joined.isDone());
        assertEquals("b", q.get());
        q.taskDone();
        joined.get(5, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, q::taskDone);
        q.join();
    }

    @Test
    void simpleQueue() {
        var sq = new SimpleQueue<byte[]>();
        assertTrue(sq.isEmpty());
        sq.put(new byte[] {1});
        sq.put(null);
        assertFalse(sq.isEmpty());
        assertArrayEquals(new byte[] {1}, sq.get());
        assertNull(sq.get());
        sq.close();
        assertThrows(IllegalStateException.class, () -> sq.put(new byte[0]));
        assertThrows(IllegalStateException.class, sq::get);
    }

    @Test
    void interruptWhileBlockedIsCancellation() throws Exception {
        var q = new Queue<Integer>();
        var result = new CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try { q.get(); result.complete("got"); } catch (CancellationException e) { result.complete("cancelled " + Thread.currentThread().isInterrupted()); }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        assertEquals("cancelled true", result.get(5, TimeUnit.SECONDS));
        q.put(1);
        assertEquals(1, q.get());
    }

    @Test
    void interruptWhileBlockedInPutOrJoinIsCancellation() throws Exception {
        var q = new JoinableQueue<Integer>(1);
        q.put(1);
        for (Runnable blocked : List.<Runnable>of(() -> q.put(2), q::join)) {
            var result = new CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try { blocked.run(); result.complete("returned"); }
                catch (CancellationException e) { result.complete("cancelled " + Thread.currentThread().isInterrupted()); }
            });
            t.start();
            Thread.sleep(100);
            t.interrupt();
            assertEquals("cancelled true", result.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, q.qsize());
        assertEquals(1, q.get());
    }

    @Test
    void bigItemsLargerThanHalfOfWhatIsQueued() {
        var q = new Queue<byte[]>();
        byte[] big = new byte[64 << 20];
        for (int i = 0; i < big.length; i += 4093) big[i] = (byte) (i * 31);
        q.put(big);
        q.put(new byte[0]);
        q.put(big);
        assertArrayEquals(big, q.get());
        assertArrayEquals(new byte[0], q.get());
        assertArrayEquals(big, q.get());
    }

    @Test
    void manyThreadsNothingLostOrDuplicated() throws Exception {
        var q = new Queue<Long>(100);
        int producers = 3, consumers = 3, perProducer = 50_000;
        var sum = new AtomicLong();
        var seen = new ConcurrentLinkedQueue<Long>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long base = p * 1_000_000L;
            threads.add(Thread.ofPlatform().start(() -> { for (long i = 0; i < perProducer; i++) q.put(base + i); }));
        }
        for (int c = 0; c < consumers; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long last[] = new long[producers];
                java.util.Arrays.fill(last, -1);
                while (true) {
                    Long v = q.get();
                    if (v < 0) return;
                    sum.addAndGet(v);
                    seen.add(v);
                }
            }));
        }
        for (int i = 0; i < producers; i++) threads.get(i).join();
        for (int c = 0; c < consumers; c++) q.put(-1L);
        for (Thread t : threads) t.join();
        long expected = 0;
        for (int p = 0; p < producers; p++) expected += p * 1_000_000L * perProducer + (long) perProducer * (perProducer - 1) / 2;
        assertEquals(expected, sum.get());
        assertEquals(producers * perProducer, seen.size());
        assertEquals(producers * perProducer, new java.util.HashSet<>(seen).size());
    }

    @Test
    void fifoPerProducerAcrossWraps() {
        var q = new Queue<Object>();
        // mixed sizes force wrap markers and restarts at offset 0
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 50; i++) q.put(i % 7 == 0 ? new byte[10_000 + i] : (Object) i);
            for (int i = 0; i < 50; i++) {
                Object o = q.get();
                if (i % 7 == 0) assertEquals(10_000 + i, ((byte[]) o).length); else assertEquals(i, o);
            }
        }
    }
}
