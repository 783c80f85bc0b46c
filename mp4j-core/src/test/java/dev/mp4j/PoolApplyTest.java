package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * apply() reads its own result from the worker's pipe while it is due soon, with the pool's reader thread standing
 * aside meanwhile: these cover the hand-overs between the two (a long task, a task that waited in the queue, other
 * callers' results found first, a worker that dies while its caller reads).
 */
@Timeout(120)
class PoolApplyTest {
    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    @Test
    void manyCallersBesideAsyncWorkGetTheirOwnResults() throws Exception {
        try (Pool pool = new Pool(2)) {
            var map = pool.mapAsync(x -> x * 3, range(5_000), 1);
            var callbacks = new ConcurrentLinkedQueue<Integer>();
            var asyncDone = new CountDownLatch(300);
            for (int i = 0; i < 300; i++) {
                int x = i;
                pool.applyAsync(() -> -x, v -> { callbacks.add(v); asyncDone.countDown(); }, e -> asyncDone.countDown());
            }
            List<Thread> callers = new ArrayList<>();
            var wrong = new ConcurrentLinkedQueue<String>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        int x = caller * 1_000_000 + i;
                        int got = pool.apply(() -> x + 1);
                        if (got != x + 1) wrong.add(caller + ": " + got + " for " + x);
                    }
                }));
            }
            for (Thread t : callers) t.join();
            assertEquals(List.of(), new ArrayList<>(wrong));
            assertEquals(range(5_000).stream().map(x -> x * 3).toList(), map.get(60, TimeUnit.SECONDS));
            assertTrue(asyncDone.await(60, TimeUnit.SECONDS));
            assertEquals(300, callbacks.size());
            assertEquals(-IntStream.range(0, 300).sum(), callbacks.stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void taskLongerThanTheCallersBusyWait() {
        try (Pool pool = new Pool(1)) {
            for (int ms : new int[] {0, 1, 5, 50, 0, 300, 0}) {
                assertEquals(ms, pool.apply(() -> { Thread.sleep(ms); return ms; }));
            }
        }
    }

    @Test
    void applyQueuedBehindABusyWorker() throws Exception {
        try (Pool pool = new Pool(1)) {
            pool.apply(() -> { Thread.sleep(30); return 0; }); // a long last task: the worker is sent one at a time
            var slow = pool.applyAsync(() -> { Thread.sleep(300); return "slow"; });
            assertEquals("quick", pool.apply(() -> "quick")); // waits in the pool's queue first
            assertEquals("slow", slow.get());
            var later = CompletableFuture.supplyAsync(() -> pool.apply(() -> 6 * 7));
            assertEquals(42, later.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void workerKilledWhileItsCallerReads() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertEquals(1, pool.apply(() -> 1));
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            var killer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                } catch (InterruptedException ignored) {
                    // the test ends
                }
            });
            var e = assertThrows(WorkerLostException.class, () -> pool.apply(() -> { Thread.sleep(20_000); return 0; }));
            assertTrue(e.getMessage().contains("exit code -9"), e.getMessage());
            killer.join();
            for (int i = 0; i < 100; i++) {
                int x = i;
                assertEquals(x, pool.apply(() -> x)); // the replacement answers, read by its callers
            }
        }
    }

    @Test
    void callSentAgainAfterTheWorkerAheadOfItDied() {
        try (Pool pool = new Pool(1)) {
            for (int i = 0; i < 50; i++) pool.apply(() -> 0); // tiny tasks: the worker is then sent many at a time
            var dies = pool.applyAsync(() -> { Thread.sleep(50); Runtime.getRuntime().halt(9); return 0; });
            assertEquals(5, pool.apply(() -> 5)); // sent behind it, then again to the replacement
            assertThrows(java.util.concurrent.ExecutionException.class, dies::get);
            var all = pool.map(x -> x + 1, range(1_000), 1); // the replacement's results are read
            assertEquals(range(1_000).stream().map(x -> x + 1).toList(), all);
        }
    }

    @Test
    void workerThatDiesAtOnceWhileItsCallerReads() {
        try (Pool pool = new Pool(1)) {
            for (int round = 0; round < 3; round++) {
                var e = assertThrows(WorkerLostException.class, () -> pool.apply(() -> { Runtime.getRuntime().halt(5); return 0; }));
                assertTrue(e.getMessage().contains("exit code 5"), e.getMessage());
                int r = round;
                assertEquals(r, pool.apply(() -> r));
            }
        }
    }
}
