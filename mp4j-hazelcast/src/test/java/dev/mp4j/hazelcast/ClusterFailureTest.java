package dev.mp4j.hazelcast;

import dev.mp4j.Context;
import dev.mp4j.Lock;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.StartMethod;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Members and clients killed (kill -9) while they work: nothing hangs, tasks run again, locks are taken over. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailureTest {
    static TestCluster cluster;
    static Pool pool;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3);
        Context.setDefault(cluster.context());
        pool = new Pool(6);
    }

    @AfterAll
    static void stop() {
        Context.setDefault(Context.of(StartMethod.SPAWN));
        if (pool != null) {
            pool.terminate();
            pool.join();
        }
        if (cluster != null) cluster.close();
        Leftovers.assertNone();
    }

    static int slowSquare(int x) throws InterruptedException {
        Thread.sleep(250);
        return x * x;
    }

    @Test
    @Order(1)
    void memberKilledDuringMapItsTasksRunElsewhere() throws Exception {
        var in = IntStream.range(0, 48).boxed().toList();
        var result = pool.mapAsync(ClusterFailureTest::slowSquare, in, 1);
        Thread.sleep(700);
        assertFalse(result.ready());
        cluster.kill(1);
        List<Integer> squares = result.get(90, TimeUnit.SECONDS);
        assertEquals(in.stream().map(x -> x * x).toList(), squares);
        // and the pool goes on with the members left
        assertEquals(List.of(0, 1, 4), pool.map(x -> x * x, List.of(0, 1, 2)));
    }

    @Test
    @Order(2)
    void lockHeldByAKilledMemberIsTakenOver() {
        var lock = new Lock();
        long pid = pool.apply(() -> {
            lock.acquire();
            return ProcessHandle.current().pid();
        });
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire());
        cluster.kill(cluster.indexOfPid(pid));
        long t0 = System.nanoTime();
        assertTrue(lock.acquire(Duration.ofSeconds(60)), "the dead member's lock was not released");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(lock.previousOwnerDied());
        assertTrue(took < 30_000, "took " + took + " ms");
        lock.release();
        assertFalse(lock.isLocked());
        assertTrue(lock.tryAcquire());
        assertFalse(lock.previousOwnerDied());
        lock.release();
    }

    @Test
    @Order(3)
    void lockHeldByAKilledClientProcessIsTakenOver() {
        var lock = new Lock();
        var holder = new Process(() -> {
            lock.acquire();
            Thread.sleep(60_000);
        });
        holder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!lock.isLocked() && System.nanoTime() < deadline) Leftovers.sleep(50);
        assertTrue(lock.isLocked());
        holder.kill();
        holder.join();
        assertEquals(-9, holder.exitCode());
        holder.close();
        assertTrue(lock.acquire(Duration.ofSeconds(60)));
        assertTrue(lock.previousOwnerDied());
        lock.release();
    }

    @Test
    @Order(4)
    void aClusterThatIsGoneFailsCallsInsteadOfHanging() {
        var lock = new Lock();
        var v = dev.mp4j.Value.ofInt(1);
        for (int i = 0; i < cluster.members.size(); i++) if (cluster.members.get(i).isAlive()) cluster.kill(i);
        System.setProperty("mp4j.hazelcast.connectTimeoutMillis", "3000"); // for the new clients tried below
        try {
            long t0 = System.nanoTime();
            assertThrows(dev.mp4j.Mp4jException.class, lock::tryAcquire); // the client gives up reconnecting (20 s)
            assertThrows(dev.mp4j.Mp4jException.class, v::get);
            assertThrows(dev.mp4j.Mp4jException.class, () -> pool.apply(() -> 1));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(100).toNanos());
        } finally {
            System.clearProperty("mp4j.hazelcast.connectTimeoutMillis");
        }
    }
}
