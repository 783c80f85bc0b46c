package dev.mp4j;

import dev.mp4j.programs.UnclosedPool;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Pids;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Worker deaths, worker lifetime, close/terminate/join: what CPython's pool tests cover and where CPython hangs. */
@Timeout(180)
class PoolLifecycleTest {
    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    /** kill -9 from outside, as an operator or the OOM killer would. */
    static int killSelf() throws Exception {
        long pid = ProcessHandle.current().pid();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        Thread.sleep(10_000);
        return -1;
    }

    static int dieAt(int x, int bad) throws Exception {
        if (x == bad) killSelf();
        return x * 10;
    }

    @Test
    void killedWorkerFailsOnlyItsTaskAndIsReplaced() throws Exception {
        try (Pool pool = new Pool(2)) {
            var others = pool.mapAsync(x -> { Thread.sleep(5); return x + 1; }, range(200), 1);
            var e = assertThrows(WorkerLostException.class, () -> pool.apply(PoolLifecycleTest::killSelf));
            assertTrue(e.getMessage().contains("exit code -9"), e.getMessage());
            assertEquals(range(200).stream().map(x -> x + 1).toList(), others.get(60, TimeUnit.SECONDS));
            assertEquals(7, pool.apply(() -> 7));
            long deadline = System.nanoTime() + 30_000_000_000L; // the replacement starts in the background
            while (pool.workers().size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(2, pool.workers().size());
        }
    }

    @Test
    void idleWorkerKilledFromOutsideIsReplacedQuietly() throws Exception {
        try (Pool pool = new Pool(2)) {
            assertEquals(List.of(0, 1, 2, 3), pool.map(x -> x, range(4), 1));
            Process victim = pool.workers().getFirst();
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            assertTrue(victim.join(Duration.ofSeconds(30)));
            assertEquals(-9, victim.exitCode());
            assertEquals(range(50), pool.map(x -> x, range(50), 1));
        }
    }

    @Test
    void exitAndHaltInATask() {
        try (Pool pool = new Pool(1)) {
            var e = assertThrows(WorkerLostException.class, () -> pool.apply(() -> { System.exit(3); return 0; }));
            assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
            var h = assertThrows(WorkerLostException.class, () -> pool.apply(() -> { Runtime.getRuntime().halt(7); return 0; }));
            assertTrue(h.getMessage().contains("exit code 7"), h.getMessage());
            assertEquals(List.of(0, 10, 20), pool.map(x -> x * 10, range(3)));
        }
    }

    @Test
    void outOfMemoryKillsOnlyThatTask() {
        var ctx = Context.getDefault().withJvmOptions("-Xmx48m");
        try (Pool pool = Pool.builder().processes(1).context(ctx).build()) {
            var e = assertThrows(WorkerLostException.class, () -> pool.apply(() -> {
                List<long[]> hog = new ArrayList<>();
                while (true) hog.add(new long[1 << 20]);
            }));
            assertTrue(e.getMessage().contains("exit code"), e.getMessage());
            assertEquals(5, pool.apply(() -> 5));
        }
    }

    @Test
    void deathInsideMapAndImap() {
        try (Pool pool = new Pool(2)) {
            assertThrows(WorkerLostException.class, () -> pool.map(x -> dieAt(x, 5), range(10), 1));
            ResultIterator<Integer> it = pool.imap(x -> dieAt(x, 3), range(8));
            for (int i = 0; i < 8; i++) {
                if (i == 3) assertThrows(WorkerLostException.class, it::next);
                else assertEquals(i * 10, it.next(Duration.ofSeconds(60)));
            }
            assertFalse(it.hasNext());
        }
    }

    @Test
    void maxTasksPerChildReplacesWorkers() {
        // CPython test_pool_worker_lifetime
        try (Pool pool = Pool.builder().processes(2).maxTasksPerChild(2).build()) {
            var pids = new HashSet<Long>();
            for (int i = 0; i < 10; i++) pids.add(pool.apply(() -> ProcessHandle.current().pid()));
            assertTrue(pids.size() >= 5, "each worker ran at most 2 tasks: " + pids);
            List<Long> viaMap = pool.map(x -> ProcessHandle.current().pid(), range(12), 1);
            assertTrue(new HashSet<>(viaMap).size() >= 6, viaMap.toString());
        }
    }

    @Test
    void workerLifetimeEarlyClose() throws Exception {
        // CPython test_pool_worker_lifetime_early_close: close() while replacements are still needed
        Pool pool = Pool.builder().processes(3).maxTasksPerChild(1).build();
        var results = new ArrayList<AsyncResult<Integer>>();
        for (int i = 0; i < 6; i++) {
            int ms = 50 * i;
            results.add(pool.applyAsync(() -> { Thread.sleep(ms); return ms; }));
        }
        pool.close();
        pool.join();
        for (int i = 0; i < 6; i++) assertEquals(50 * i, results.get(i).get());
    }

    @Test
    void poolInsideAChildProcess() {
        var q = new Queue<Object>();
        var p = new Process(() -> {
            try (Pool inner = new Pool(2)) {
                q.put(inner.map(x -> x * 3, List.of(1, 2, 3)));
            }
        });
        p.start();
        assertEquals(List.of(3, 6, 9), q.get(Duration.ofSeconds(120)));
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode());
    }

    static int initialized;

    @Test
    void initializerRunsOncePerWorker() {
        try (Pool pool = Pool.builder().processes(2).initializer(() -> initialized++).build()) {
            assertEquals(List.of(1, 1, 1, 1, 1, 1), pool.map(x -> initialized, range(6), 1));
        }
    }

    @Test
    void failingInitializerFailsTasksInsteadOfHanging() {
        // CPython retries such workers for ever and the caller hangs
        Pool pool = Pool.builder().processes(1).initializer(() -> { throw new IllegalStateException("init failed (expected by the test)"); }).build();
        var e = assertThrows(WorkerLostException.class, () -> pool.apply(() -> 1));
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        long t0 = System.nanoTime();
        pool.terminate();
        pool.join();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void terminateWithThousandsQueuedReturnsPromptly() throws Exception {
        // CPython test_terminate
        Pool pool = new Pool(2);
        var results = new ArrayList<AsyncResult<Integer>>();
        for (int i = 0; i < 3000; i++) results.add(pool.applyAsync(() -> { Thread.sleep(50); return 1; }));
        var map = pool.mapAsync(x -> { Thread.sleep(50); return x; }, range(1000), 1);
        Thread.sleep(300);
        long t0 = System.nanoTime();
        pool.terminate();
        pool.join();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "terminate+join took " + (System.nanoTime() - t0) / 1e6 + " ms");
        for (var r : results) {
            assertTrue(r.ready());
        }
        var last = results.getLast();
        assertFalse(last.successful());
        assertThrows(CancellationException.class, last::get);
        assertThrows(CancellationException.class, map::get);
        assertTrue(pool.isTerminated());
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
        assertThrows(IllegalStateException.class, () -> pool.map(x -> x, range(2)));
        assertThrows(IllegalStateException.class, () -> pool.imap(x -> x, range(2)));
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
        pool.terminate(); // repeatable
        pool.close();
    }

    @Test
    void closeFinishesQueuedWorkThenJoin() throws Exception {
        // CPython test_close / test_join
        Pool pool = new Pool(2);
        assertThrows(IllegalStateException.class, pool::join);
        var r = pool.mapAsync(x -> { Thread.sleep(20); return x * 2; }, range(20), 1);
        var it = pool.imap(x -> x + 1, range(5));
        pool.shutdown();
        assertTrue(pool.isShutdown());
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
        pool.join();
        assertTrue(pool.isTerminated());
        assertEquals(range(20).stream().map(x -> x * 2).toList(), r.get());
        List<Integer> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertEquals(List.of(1, 2, 3, 4, 5), got);
        assertTrue(pool.awaitTermination(1, TimeUnit.SECONDS));
        assertTrue(pool.workers().isEmpty());
        pool.close();
    }

    @Test
    void shutdownNowCancels() throws Exception {
        Pool pool = new Pool(1);
        var slow = pool.submit(() -> { Thread.sleep(30_000); return 1; });
        var queued = pool.submit(() -> 2);
        assertEquals(List.of(), pool.shutdownNow());
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(slow.isCancelled());
        assertThrows(CancellationException.class, queued::get);
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Pool(0));
        assertThrows(IllegalArgumentException.class, () -> new Pool(-1));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().processes(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(-3));
    }

    @Test
    void interruptWhileBlockedThrowsCancellation() throws Exception {
        try (Pool pool = new Pool(1)) {
            var caller = Thread.currentThread();
            var interrupter = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    return;
                }
                caller.interrupt();
            });
            assertThrows(CancellationException.class, () -> pool.apply(() -> { Thread.sleep(2_000); return 1; }));
            assertTrue(Thread.interrupted(), "interrupt flag set again");
            interrupter.join();
            var f = pool.submit(() -> 1);
            assertEquals(1, f.get());
        }
    }

    @Test
    void callbackThatUsesThePoolDoesNotDeadlock() throws Exception {
        // CPython blocks its result handler here; one worker makes sure the inner apply goes to the same worker
        try (Pool pool = new Pool(1)) {
            var inner = new java.util.concurrent.CompletableFuture<Integer>();
            AsyncResult<Integer> outer = pool.applyAsync(() -> 2, v -> inner.complete(pool.apply(() -> v * 21)), inner::completeExceptionally);
            assertEquals(2, outer.get(60, TimeUnit.SECONDS));
            assertEquals(42, inner.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelQueuedFuture() throws Exception {
        try (Pool pool = new Pool(1)) {
            var slow = pool.submit(() -> { Thread.sleep(500); return 1; });
            var queued = pool.submit(() -> 2);
            assertTrue(queued.cancel(false));
            assertTrue(queued.isCancelled());
            assertThrows(CancellationException.class, queued::get);
            assertEquals(1, slow.get());
        }
    }

    @Test
    void warmContext() {
        try (Pool pool = Pool.builder().processes(2).context(Context.of(StartMethod.WARM)).build()) {
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
        }
    }

    @Test
    void unclosedPoolDoesNotKeepTheJvmAlive() {
        long t0 = System.nanoTime();
        var r = Programs.run(UnclosedPool.class);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[2, 4, 6]"), r.out());
        assertTrue(r.out().contains("main done"), r.out());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
        for (String line : r.lines()) {
            if (line.startsWith("worker pid ")) assertFalse(Pids.running(Long.parseLong(line.substring(11))), line);
        }
        assertEquals("", r.err(), "no noise on stderr");
    }
}
