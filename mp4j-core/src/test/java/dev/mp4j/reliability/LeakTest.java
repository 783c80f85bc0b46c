package dev.mp4j.reliability;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Connection;
import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.ShareableList;
import dev.mp4j.SharedArray;
import dev.mp4j.SharedMemory;
import dev.mp4j.Value;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many create/use/close cycles leave this JVM's shared-memory files and mappings, file descriptors, threads and
 * child processes where they started (after a GC: the anonymous objects are freed by their cleaners, as Python's
 * are by refcounting).
 */
@Timeout(180)
class LeakTest {
    static final int CYCLES = 1000;
    /** Process cycles: up to 1000, as many as fit this time budget on the machine (2 cores: a JVM start each). */
    static final Duration PROCESS_BUDGET = Duration.ofSeconds(Long.getLong("mp4j.test.leakProcessSeconds", 60));
    static final int MIN_PROCESS_CYCLES = 100;

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static void assertNoGrowth(String what, Resources before, int threadSlack) {
        Resources after = Resources.settle(before, threadSlack, Duration.ofSeconds(10));
        assertTrue(after.within(before, threadSlack), what + ": before " + before + "; after " + after + "; threads "
            + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    }

    @Test
    void processStartJoinCycles() {
        Value.OfInt ran = Value.ofInt(0);
        int batch = 4; // a few at a time, as a program would: keeps both cores busy
        // warm-up at the same concurrency: the JDK's process reapers and mp4j's shared set-up grow to their size once
        batch(ran, batch);
        Resources before = Resources.settle(Resources.now(), 0, Duration.ofSeconds(2));
        long t0 = System.nanoTime(), budget = PROCESS_BUDGET.toNanos();
        int cycles = 0;
        while (cycles < CYCLES && System.nanoTime() - t0 < budget) {
            batch(ran, batch);
            cycles += batch;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(cycles + batch, ran.get(), "every child ran");
        assertTrue(cycles >= MIN_PROCESS_CYCLES, "only " + cycles + " cycles in " + ms + " ms");
        assertEquals(List.of(), Process.activeChildren());
        assertNoGrowth(cycles + " process cycles", before, 2);
        System.err.printf("LeakTest: %d SPAWN start/join cycles in %d ms (%.1f ms each), no growth: %s%n",
            cycles, ms, (double) ms / cycles, Resources.now());
    }

    private static void batch(Value.OfInt ran, int n) {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var p = new Process(ran::incrementAndGet);
            p.start();
            ps.add(p);
        }
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode());
            p.close();
        }
    }

    @Test
    void sharedTypeCycles() {
        Map<String, Runnable> types = new LinkedHashMap<>();
        types.put("Lock", () -> {
            var l = new Lock();
            l.acquire();
            if (!l.isLocked()) throw new AssertionError();
            l.release();
        });
        types.put("RLock", () -> {
            var l = new RLock();
            l.acquire();
            l.acquire();
            l.release();
            l.release();
        });
        types.put("Semaphore", () -> {
            var s = new Semaphore(2);
            s.acquire();
            if (s.value() != 1) throw new AssertionError();
            s.release();
        });
        types.put("Condition", () -> {
            var c = new Condition();
            c.acquire();
            c.signalAll();
            if (c.await(Duration.ZERO)) throw new AssertionError("not signalled");
            c.release();
        });
        types.put("Event", () -> {
            var e = new Event();
            e.set();
            if (!e.await(Duration.ZERO)) throw new AssertionError();
            e.clear();
        });
        types.put("Barrier", () -> {
            var b = new Barrier(1);
            if (b.await() != 0) throw new AssertionError();
        });
        types.put("Value", () -> {
            var v = Value.ofLong(1);
            v.incrementAndGet();
            var d = Value.ofDouble(1.5);
            d.set(d.get() + 1);
        });
        types.put("SharedArray", () -> {
            var a = SharedArray.ofInts(new int[] {1, 2, 3});
            a.set(1, a.get(0) + a.get(2));
            var big = SharedArray.ofBytes(10_000); // bigger than a slab cell: a segment of its own
            big.set(9_999, (byte) 1);
        });
        types.put("SharedMemory", () -> {
            try (var m = SharedMemory.create(8192)) {
                m.segment().set(ValueLayout.JAVA_LONG, 8, 42);
                m.unlink();
                if (Files.exists(Path.of("/dev/shm", m.name()))) throw new AssertionError("not unlinked: " + m.name());
            }
        });
        types.put("ShareableList", () -> {
            try (var l = ShareableList.create(List.of(1, "two", 3.0))) {
                l.set(1, "tw");
                if (!"tw".equals(l.get(1))) throw new AssertionError();
                l.unlink();
                if (Files.exists(Path.of("/dev/shm", l.name()))) throw new AssertionError("not unlinked: " + l.name());
            }
        });
        types.put("Queue", () -> {
            var q = new Queue<String>();
            q.put("x");
            if (!"x".equals(q.get())) throw new AssertionError();
            q.close();
        });
        types.put("Pipe", () -> {
            var p = Pipe.<String>open();
            try (Connection<String> a = p.left(); Connection<String> b = p.right()) {
                a.send("x");
                if (!"x".equals(b.recv())) throw new AssertionError();
            }
        });
        for (Runnable r : types.values()) r.run(); // warm-up: classes, slabs, janitor threads
        var report = new StringBuilder();
        for (var type : types.entrySet()) {
            Resources before = Resources.settle(Resources.now(), 0, Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                type.getValue().run();
                if (i % 250 == 249) System.gc(); // a program that runs long enough collects now and then
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertNoGrowth(CYCLES + " " + type.getKey() + " cycles", before, 2);
            report.append(String.format(" %s %d ms;", type.getKey(), ms));
        }
        System.err.println("LeakTest: " + CYCLES + " cycles of each type, no growth:" + report);
    }
}
