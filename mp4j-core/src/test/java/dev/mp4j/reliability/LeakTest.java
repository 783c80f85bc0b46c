package dev.mp4j.reliability;

import dev.mp4j.Barrier;
import dev.mp4j.Condition;
import dev.mp4j.Context;
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
import dev.mp4j.StartMethod;
import dev.mp4j.Value;
import dev.mp4j.internal.runtime.Standby;
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
import java.util.Arrays;
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
    /** Process cycles run on this many loops at once (a JVM start each: keeps both cores busy). */
    static final int PROCESS_THREADS = 4;
    /** The 1000 process cycles must fit this time (on 2 cores a cycle costs ~0.1-0.2 s of CPU: a JVM start). */
    static final Duration PROCESS_LIMIT = Duration.ofSeconds(Long.getLong("mp4j.test.leakProcessSeconds", 240));
    /**
     * The JDK's process reaper threads (one per child being waited for) idle out after a minute, not when a child
     * ends; with four loops and a standby being replaced, a few more may be alive at the end than at the start.
     */
    static final int PROCESS_THREAD_SLACK = 4;
    /**
     * The children run interpreted: what is checked is what the parent holds, and a child that lives a tenth of a
     * second spends half its CPU in the JIT compilers (0.25 s of CPU a child with them, 0.12 s without, measured on
     * this machine), which would double the test's time for nothing.
     */
    static final String[] CHILD_OPTIONS = {"-Xint"};

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
    @Timeout(300)
    void processStartJoinCycles() throws Exception {
        Value.OfInt ran = Value.ofInt(0);
        // warm-up with the same loops: the JDK's process reapers and mp4j's shared set-up (status board, janitor,
        // standby) grow to their size once
        int warmups = cycleLoops(ran, 2 * PROCESS_THREADS, Duration.ofSeconds(120), new int[PROCESS_THREADS]);
        Standby.clear(); // a standby JVM is a child: count none before or after
        Resources before = Resources.settle(Resources.now(), 0, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        int[] perThread = new int[PROCESS_THREADS];
        int cycles = cycleLoops(ran, CYCLES, PROCESS_LIMIT, perThread);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(CYCLES, cycles, "only " + cycles + " of " + CYCLES + " cycles within " + PROCESS_LIMIT.toSeconds()
            + " s (mp4j.test.leakProcessSeconds)");
        assertEquals(counted(warmups) + counted(cycles), ran.get(), "every counting child ran");
        Standby.clear();
        assertEquals(List.of(), Process.activeChildren());
        assertNoGrowth(cycles + " process cycles", before, PROCESS_THREAD_SLACK);
        System.err.printf("LeakTest: %d start/join cycles (%d loops at once, SPAWN %s, WARM %d) in %d ms (%.1f ms each),"
                + " no growth: %s%n", cycles, PROCESS_THREADS, Arrays.toString(Arrays.copyOf(perThread, PROCESS_THREADS - 1)),
            perThread[PROCESS_THREADS - 1], ms, (double) ms / cycles, Resources.now());
    }

    /** What three children in four run: proves it ran by its exit status, without shared memory (half the CPU). */
    static final dev.mp4j.SerializableRunnable EXIT_7 = () -> System.exit(7);

    /**
     * Runs {@code total} start/join cycles on {@link #PROCESS_THREADS} loops at once, the last of them with a WARM
     * context (a standby JVM takes each start), the others SPAWN; stops early at {@code limit}. Every fourth child
     * increments the shared counter {@code ran} (attaching a shared-memory segment, taking its lock), the others
     * exit with status 7: each child shows that its target ran. Returns the cycles done; {@code perThread} gets
     * each loop's count.
     */
    private static int cycleLoops(Value.OfInt ran, int total, Duration limit, int[] perThread) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var loops = new ArrayList<java.util.concurrent.Future<?>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(PROCESS_THREADS)) {
            for (int t = 0; t < PROCESS_THREADS; t++) {
                int loop = t;
                Context context = Context.of(loop == PROCESS_THREADS - 1 ? StartMethod.WARM : StartMethod.SPAWN)
                    .withJvmOptions(CHILD_OPTIONS);
                loops.add(pool.submit(() -> {
                    try {
                        int i;
                        while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < total) {
                            boolean counted = i % 4 == 0;
                            var p = Process.builder().target(counted ? ran::incrementAndGet : EXIT_7).context(context).build();
                            p.start();
                            assertTrue(p.join(Duration.ofSeconds(60)), "child did not end");
                            assertEquals(counted ? 0 : 7, p.exitCode());
                            p.close();
                            perThread[loop]++;
                        }
                    } catch (Throwable failure) {
                        next.set(total); // the other loops stop too
                        throw failure;
                    }
                    return null;
                }));
            }
            for (var f : loops) f.get();
        }
        return Arrays.stream(perThread).sum();
    }

    /** How many of the first {@code cycles} cycles increment the counter. */
    private static int counted(int cycles) {
        return (cycles + 3) / 4;
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
