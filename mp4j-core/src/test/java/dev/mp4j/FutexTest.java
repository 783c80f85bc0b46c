package dev.mp4j;

import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import dev.mp4j.testing.Leftovers;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** The wait/wake primitive and the anonymous segments under everything (the Queue builds on them too). */
@Timeout(60)
class FutexTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void awaitReturnsAtOnceWhenTheValueDiffersAndTimesOutOtherwise() {
        MemorySegment m = Segment.create(64).memory();
        Mem.INT.setVolatile(m, 0L, 5);
        assertTrue(Futex.await(m, 0, 4, 1_000_000_000L));
        assertFalse(Futex.await(m, 0, 5, 0));
        long t = System.nanoTime();
        // Loop as callers must: await may return early (slices, spurious wake-ups).
        long deadline = t + 120_000_000L;
        boolean timedOut = false;
        while (!timedOut) timedOut = !Futex.await(m, 0, 5, deadline - System.nanoTime());
        assertTrue(System.nanoTime() - t >= 115_000_000L);
    }

    @Test
    void wakeReleasesAThreadWaiter() throws Exception {
        MemorySegment m = Segment.create(64).memory();
        AtomicLong wokeAfter = new AtomicLong();
        Thread t = Thread.ofPlatform().start(() -> {
            while ((int) Mem.INT.getVolatile(m, 0L) == 0) Futex.await(m, 0, 0, Long.MAX_VALUE);
            wokeAfter.set(System.nanoTime());
        });
        Thread.sleep(100);
        long set = System.nanoTime();
        Mem.INT.setVolatile(m, 0L, 1);
        Futex.wake(m, 0, 1);
        t.join(5000);
        assertFalse(t.isAlive());
        assertTrue(wokeAfter.get() - set < 100_000_000L, "woken promptly");
    }

    @Test
    void awaitReturnsOnInterruptWithTheFlagSet() throws Exception {
        MemorySegment m = Segment.create(64).memory();
        AtomicBoolean flag = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) Futex.await(m, 0, 0, Long.MAX_VALUE);
            flag.set(true);
        });
        Thread.sleep(50);
        t.interrupt();
        t.join(2000);
        assertTrue(flag.get());
    }

    @Test
    void wakeAcrossProcesses() {
        Segment seg = Segment.create(64);
        Process child = new Process(() -> {
            MemorySegment m = seg.memory();
            Mem.INT.setVolatile(m, 8L, 1); // "I am about to wait"
            while ((int) Mem.INT.getVolatile(m, 0L) == 0) Futex.await(m, 0, 0, Long.MAX_VALUE);
            Mem.INT.setVolatile(m, 4L, 42);
        });
        child.start();
        MemorySegment m = seg.memory();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((int) Mem.INT.getVolatile(m, 8L) == 0 && System.nanoTime() < deadline) Leftovers.sleep(5);
        Mem.INT.setVolatile(m, 0L, 1);
        Futex.wake(m, 0, Integer.MAX_VALUE);
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertEquals(42, (int) Mem.INT.getVolatile(m, 4L));
    }

    @Test
    void segmentsAreUnlinkedAtBirthAndValidated() {
        Segment s = Segment.create(100);
        assertEquals(100, s.size());
        assertTrue(s.memory().byteSize() == 100);
        assertTrue(s.memory().address() % 64 == 0, "64-byte aligned memory");
        String[] names = new java.io.File("/dev/shm").list();
        assertTrue(names == null || java.util.Arrays.stream(names).noneMatch(n -> n.startsWith("mp4j-seg-")), "no name in /dev/shm");
        assertThrows(IllegalArgumentException.class, () -> Segment.create(0));
    }
}
