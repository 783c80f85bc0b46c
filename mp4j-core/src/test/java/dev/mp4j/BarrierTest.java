package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's BarrierTests (test_barrier, test_action, test_abort, test_reset, test_timeout, ...), threads + processes. */
@Timeout(90)
class BarrierTest {
    static final int N = 4; // parties: 2 threads here, 2 child processes

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    /** Runs {@code body} in 2 threads of this JVM and in 2 children; returns when all ended. */
    private static void runParties(SerializableRunnable body) throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = new Process(body);
            p.start();
            ps.add(p);
        }
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : ts) t.join(60_000);
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode(), "child failed (its stack trace is on stderr)");
        }
        if (!errors.isEmpty()) throw new AssertionError(errors.peek());
    }

    @Test
    void passesRepeatedlyWithDistinctIndices() throws Exception {
        Barrier barrier = new Barrier(N);
        SharedArray.OfInt seen = SharedArray.ofInts(3 * N);
        Value.OfInt phase = Value.ofInt(0);
        runParties(() -> {
            for (int round = 0; round < 3; round++) {
                int before = phase.get();
                int idx = barrier.await(Duration.ofSeconds(30));
                seen.getAndAdd(round * N + idx, 1);
                if (idx == 0) phase.incrementAndGet();
                barrier.await(Duration.ofSeconds(30)); // everyone sees the round end before the next
                if (phase.get() != before + 1) throw new AssertionError("round mixed up");
            }
        });
        for (int v : seen.toArray()) assertEquals(1, v, "each index once per round");
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    void actionRunsOncePerRound() throws Exception {
        Value.OfInt runs = Value.ofInt(0);
        Barrier barrier = new Barrier(N, runs::incrementAndGet);
        runParties(() -> {
            barrier.await(Duration.ofSeconds(30));
            barrier.await(Duration.ofSeconds(30));
        });
        assertEquals(2, runs.get());
    }

    @Test
    void failingActionBreaksIt() throws Exception {
        Value.OfInt broken = Value.ofInt(0);
        Barrier barrier = new Barrier(N, () -> { throw new IllegalStateException("action failed"); });
        runParties(() -> {
            try {
                barrier.await(Duration.ofSeconds(30));
            } catch (BarrierBrokenException e) {
                broken.incrementAndGet();
            }
        });
        assertEquals(N, broken.get());
        assertTrue(barrier.isBroken());
        assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofSeconds(1)));
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    void abortWakesWaitersWithBroken() {
        Barrier barrier = new Barrier(3);
        Value.OfInt brokenSeen = Value.ofInt(0);
        Process p = new Process(() -> {
            try {
                barrier.await();
            } catch (BarrierBrokenException e) {
                brokenSeen.incrementAndGet();
            }
        });
        p.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (barrier.nWaiting() < 1 && System.nanoTime() < deadline) Leftovers.sleep(5);
        assertEquals(1, barrier.nWaiting());
        barrier.abort();
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
        assertEquals(1, brokenSeen.get());
        assertTrue(barrier.isBroken());
        assertThrows(BarrierBrokenException.class, barrier::await);
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void resetWhileWaitingBreaksThoseWaiters() throws Exception {
        Barrier barrier = new Barrier(2);
        Value.OfInt brokenSeen = Value.ofInt(0);
        Process p = new Process(() -> {
            try {
                barrier.await(Duration.ofSeconds(30));
            } catch (BarrierBrokenException e) {
                brokenSeen.incrementAndGet();
            }
            barrier.await(Duration.ofSeconds(30)); // the barrier is usable again after the reset
        });
        p.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (barrier.nWaiting() < 1 && System.nanoTime() < deadline) Leftovers.sleep(5);
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertTrue(barrier.await(Duration.ofSeconds(20)) >= 0);
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
        assertEquals(1, brokenSeen.get());
    }

    @Test
    void timeoutBreaksIt() {
        Barrier barrier = new Barrier(2);
        long t = System.nanoTime();
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofMillis(150)));
        assertTrue(System.nanoTime() - t >= 145_000_000L);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(barrier.isBroken());
        barrier.reset();
        Barrier withDefault = new Barrier(2, null, Duration.ofMillis(100));
        assertThrows(BarrierBrokenException.class, withDefault::await);
        assertThrows(BarrierBrokenException.class, () -> new Barrier(2).await(Duration.ZERO), "zero: no wait");
    }

    @Test
    void badParties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-2));
        Barrier one = new Barrier(1);
        assertEquals(0, one.await());
        assertEquals(0, one.await());
        assertEquals(1, one.parties());
        assertEquals("Barrier(parties=1, waiting=0)", one.toString());
    }

    @Test
    void manyThreadRounds() throws Exception {
        Barrier barrier = new Barrier(3);
        Set<Integer> indices = java.util.Collections.synchronizedSet(new TreeSet<>());
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int r = 0; r < 200; r++) indices.add(r * 3 + barrier.await(Duration.ofSeconds(20)));
            }));
        }
        for (Thread t : ts) t.join(30_000);
        assertEquals(600, indices.size());
    }

    @Test
    void interruptBreaksItWithCancellation() throws Exception {
        Barrier barrier = new Barrier(2);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                barrier.await();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (barrier.nWaiting() < 1 && System.nanoTime() < deadline) Leftovers.sleep(5);
        t.interrupt();
        t.join(2000);
        assertInstanceOf(java.util.concurrent.CancellationException.class, thrown.get());
        assertTrue(barrier.isBroken());
    }
}
