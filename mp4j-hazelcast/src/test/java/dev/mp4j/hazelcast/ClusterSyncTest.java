package dev.mp4j.hazelcast;

import dev.mp4j.Barrier;
import dev.mp4j.BarrierBrokenException;
import dev.mp4j.BoundedSemaphore;
import dev.mp4j.Condition;
import dev.mp4j.Context;
import dev.mp4j.Event;
import dev.mp4j.JoinableQueue;
import dev.mp4j.Lock;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.QueueEmptyException;
import dev.mp4j.QueueFullException;
import dev.mp4j.QueueShutDownException;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.StartMethod;
import dev.mp4j.Value;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Queue, Lock, Semaphore, Event, Barrier, Condition, Value, dict and list on a 3-member loopback cluster, with the
 * cluster context as the default, shared by threads of the test JVM and child processes (which connect as clients).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterSyncTest {
    static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3);
        Context.setDefault(cluster.context());
    }

    @AfterAll
    static void stop() {
        Context.setDefault(Context.of(StartMethod.SPAWN));
        if (cluster != null) cluster.close();
        Leftovers.assertNone();
    }

    static Process run(dev.mp4j.SerializableRunnable r) {
        var p = new Process(r);
        p.start();
        return p;
    }

    static void joinOk(Process... ps) {
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(90)), p + " did not end");
            assertEquals(0, p.exitCode(), p + " failed");
            p.close();
        }
    }

    static Thread thread(Runnable r) {
        return Thread.ofPlatform().start(r);
    }

    @Test
    void queueManyProducersAndConsumersExactSums() throws Exception {
        var q = new Queue<Integer>();
        var sum = Value.ofLong(0, false);
        var count = Value.ofLong(0, false);
        int n = 300;
        dev.mp4j.SerializableRunnable consume = () -> {
            for (Integer x; (x = q.get()) != null; ) {
                sum.addAndGet(x);
                count.incrementAndGet();
            }
        };
        var consumer = run(consume);
        var p1 = run(() -> { for (int i = 1; i <= n; i++) q.put(i); });
        var threads = List.of(thread(() -> { try { consume.run(); } catch (Exception e) { throw new RuntimeException(e); } }),
            thread(() -> { try { consume.run(); } catch (Exception e) { throw new RuntimeException(e); } }));
        for (int i = 1; i <= n; i++) q.put(1000 + i); // a producer here too
        joinOk(p1);
        for (int i = 0; i < 3; i++) q.put(null);
        for (Thread t : threads) t.join(60_000);
        joinOk(consumer);
        assertEquals((long) n * (n + 1) / 2 * 2 + 1000L * n, sum.get());
        assertEquals(2L * n, count.get());
        assertTrue(q.isEmpty());
    }

    @Test
    void queueSemantics() throws Exception {
        var q = new Queue<String>(2);
        q.put("a");
        q.putNowait(null);
        assertTrue(q.isFull());
        assertEquals(2, q.qsize());
        assertThrows(QueueFullException.class, () -> q.put("c", Duration.ofMillis(200)));
        assertEquals("a", q.get());
        assertNull(q.get());
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(200)));
        assertThrows(QueueEmptyException.class, q::getNowait);
        try (var s = new Socket()) {
            var e = assertThrows(IllegalArgumentException.class, () -> new Queue<Object>().put(s));
            assertTrue(e.getMessage().contains("java.net.Socket"), e.getMessage());
        }
        var blocked = new CompletableFuture<Throwable>();
        thread(() -> {
            try {
                q.get();
                blocked.complete(null);
            } catch (Throwable t) {
                blocked.complete(t);
            }
        });
        Thread.sleep(300);
        q.shutdown();
        assertInstanceOf(QueueShutDownException.class, blocked.get(10, TimeUnit.SECONDS));
        assertThrows(QueueShutDownException.class, () -> q.put("x"));

        var jq = new JoinableQueue<Integer>();
        for (int i = 0; i < 5; i++) jq.put(i);
        var worker = run(() -> { for (int i = 0; i < 5; i++) { jq.get(); jq.taskDone(); } });
        jq.join();
        joinOk(worker);
        assertThrows(IllegalStateException.class, jq::taskDone);
    }

    @Test
    void lockIsMutualExclusionAcrossProcesses() throws Exception {
        var lock = new Lock();
        var counter = Value.ofInt(0, false);
        int rounds = 25;
        dev.mp4j.SerializableRunnable work = () -> {
            for (int i = 0; i < rounds; i++) {
                try (var h = lock.hold()) {
                    int v = counter.get();
                    counter.set(v + 1); // not atomic: only the lock makes it right
                }
            }
        };
        var a = run(work);
        var b = run(work);
        var t1 = thread(() -> { try { work.run(); } catch (Exception e) { throw new RuntimeException(e); } });
        var t2 = thread(() -> { try { work.run(); } catch (Exception e) { throw new RuntimeException(e); } });
        t1.join(90_000);
        t2.join(90_000);
        joinOk(a, b);
        assertEquals(4 * rounds, counter.get());
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        assertTrue(lock.tryAcquire());
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire());
        assertFalse(lock.acquire(Duration.ofMillis(200)));
        assertFalse(lock.previousOwnerDied());
        var other = new CompletableFuture<Void>();
        thread(() -> { lock.release(); other.complete(null); }); // any thread may release a Lock
        other.get(10, TimeUnit.SECONDS);
        assertFalse(lock.isLocked());
    }

    @Test
    void rlockIsReentrantAndOwned() throws Exception {
        var r = new RLock();
        r.acquire();
        r.acquire();
        assertTrue(r.isHeldByCurrentThread());
        var failed = new CompletableFuture<Throwable>();
        thread(() -> {
            try {
                assertFalse(r.tryAcquire());
                r.release();
                failed.complete(null);
            } catch (Throwable t) {
                failed.complete(t);
            }
        });
        assertInstanceOf(IllegalMonitorStateException.class, failed.get(10, TimeUnit.SECONDS));
        r.release();
        assertTrue(r.isLocked());
        r.release();
        assertFalse(r.isLocked());
        assertThrows(IllegalMonitorStateException.class, r::release);
        assertTrue(r.toString().startsWith("RLock("), r.toString());
    }

    @Test
    void semaphoreEventBarrierCondition() throws Exception {
        var s = new BoundedSemaphore(2);
        assertTrue(s.tryAcquire());
        assertTrue(s.acquire(Duration.ofSeconds(1)));
        assertFalse(s.tryAcquire());
        assertEquals(0, s.value());
        s.release();
        s.release();
        assertThrows(IllegalStateException.class, s::release);
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));

        var event = new Event();
        var barrier = new Barrier(3, () -> { }, null);
        var actions = Value.ofInt(0);
        var withAction = new Barrier(3, actions::incrementAndGet);
        var child = run(() -> {
            Thread.sleep(300);
            event.set();
            withAction.await();
        });
        assertFalse(event.isSet() && false);
        assertTrue(event.await(Duration.ofSeconds(60)));
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.await(Duration.ofMillis(100)));

        Set<Integer> indices = ConcurrentHashMap.newKeySet();
        var t = thread(() -> indices.add(withAction.await()));
        indices.add(withAction.await());
        t.join(60_000);
        joinOk(child);
        assertEquals(2, indices.size()); // the child's index is the third
        assertEquals(1, actions.get());
        assertEquals(0, withAction.nWaiting());

        assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofMillis(200)));
        assertTrue(barrier.isBroken());
        assertThrows(BarrierBrokenException.class, barrier::await);
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));

        var cond = new Condition();
        var ready = Value.ofBoolean(false);
        var woke = new CompletableFuture<Boolean>();
        thread(() -> {
            cond.acquire();
            try {
                woke.complete(cond.awaitUntil(ready::get, Duration.ofSeconds(30)));
            } finally {
                cond.release();
            }
        });
        Thread.sleep(300);
        try (var h = cond.hold()) {
            ready.set(true);
            cond.signalAll();
        }
        assertTrue(woke.get(30, TimeUnit.SECONDS));
        assertThrows(IllegalMonitorStateException.class, cond::signal);
        cond.acquire();
        assertFalse(cond.await(Duration.ofMillis(100)));
        cond.release();
        var lock = new Lock();
        var overLock = new Condition(lock);
        overLock.acquire();
        assertTrue(lock.isLocked());
        overLock.release();
    }

    @Test
    void valuesAreAtomic() throws Exception {
        var v = Value.ofLong(0);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) threads.add(thread(() -> { for (int k = 0; k < 40; k++) v.incrementAndGet(); }));
        for (Thread t : threads) t.join(60_000);
        assertEquals(120, v.get());
        assertTrue(v.compareAndSet(120, 7));
        assertFalse(v.compareAndSet(120, 8));
        assertEquals(7, v.getAndSet(9));
        var d = Value.ofDouble(1.5);
        assertEquals(4.0, d.addAndGet(2.5));
        var c = Value.ofChar('x');
        c.set('y');
        assertEquals('y', c.get());
        try (var h = v.getLock().hold()) {
            v.set(v.get() + 1);
        }
        assertEquals(10, v.get());
        assertThrows(UnsupportedOperationException.class, () -> Value.ofInt(1, false).getLock());
        var fromChild = run(() -> v.addAndGet(100));
        joinOk(fromChild);
        assertEquals(110, v.get());
    }

    @Test
    void dictListAndNamedValuesAreShared() throws Exception {
        Map<String, Integer> dict = cluster.client.dict("fruits-" + System.nanoTime());
        List<String> list = cluster.client.list("log-" + System.nanoTime());
        var named = cluster.client.value("answer-" + System.nanoTime(), 1);
        dict.put("apple", 1);
        var child = run(() -> {
            dict.put("orange", dict.get("apple") + 1);
            list.add("child");
            named.set(named.get() + 41);
        });
        joinOk(child);
        assertEquals(Map.of("apple", 1, "orange", 2), new java.util.HashMap<>(dict));
        assertEquals(2, dict.size());
        assertTrue(dict.containsKey("orange"));
        list.add("parent");
        assertEquals(List.of("child", "parent"), list);
        assertEquals("[child, parent]", list.toString());
        assertEquals(42, named.get());
        assertEquals(2, (int) dict.remove("orange"));
        assertEquals(Set.of("apple"), new HashSet<>(dict.keySet()));
        list.add(null);
        assertTrue(list.contains(null));
        assertEquals(2, list.indexOf(null));
        assertEquals(List.of("parent"), list.subList(1, 2));
        assertEquals("parent", list.set(1, "PARENT"));
        assertTrue(list.remove("child"));
        assertEquals(java.util.Arrays.asList("PARENT", null), list);
        list.clear();
        assertTrue(list.isEmpty());
    }

    @Test
    void dictKeepsInsertionOrderAndNoneValues() {
        Map<String, Object> d = cluster.client.dict("ordered-" + System.nanoTime());
        for (String k : List.of("zebra", "apple", "mango", "kiwi", "banana")) d.put(k, k.length());
        d.put("apple", null);                       // a new value keeps its place; None is a value
        assertEquals(List.of("zebra", "apple", "mango", "kiwi", "banana"), new ArrayList<>(d.keySet()));
        assertTrue(d.containsKey("apple"));
        assertNull(d.get("apple"));
        d.remove("mango");
        d.put("mango", 0);                          // removed and put again: at the end
        assertEquals("{zebra=5, apple=null, kiwi=4, banana=6, mango=0}", d.toString());
        assertNull(d.putIfAbsent("fig", 3));
        assertEquals(3, d.putIfAbsent("fig", 4));
        assertTrue(d.replace("fig", 3, 7));
        assertFalse(d.replace("fig", 3, 8));
        assertEquals(7, d.replace("fig", 9));
        assertNull(d.replace("nope", 1));
        assertFalse(d.containsKey("nope"));
        assertTrue(d.remove("fig", 9));
        assertEquals(5, d.size());
        var copy = new java.util.LinkedHashMap<String, Object>();
        copy.put("zebra", 5); copy.put("apple", null); copy.put("kiwi", 4); copy.put("banana", 6); copy.put("mango", 0);
        assertEquals(copy, d);
        try (var s = new Socket()) {
            var e = assertThrows(IllegalArgumentException.class, () -> d.put("socket", s));
            assertTrue(e.getMessage().contains("java.net.Socket"), e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        d.clear();
        assertTrue(d.isEmpty());
    }

    @Test
    void barrierActionFailureAndAbortBreakIt() throws Exception {
        var failing = new Barrier(2, () -> { throw new IllegalStateException("action failed"); });
        var other = new CompletableFuture<Throwable>();
        thread(() -> {
            try {
                failing.await(Duration.ofSeconds(30));
                other.complete(null);
            } catch (Throwable t) {
                other.complete(t);
            }
        });
        assertThrows(BarrierBrokenException.class, () -> failing.await(Duration.ofSeconds(30)));
        assertInstanceOf(BarrierBrokenException.class, other.get(30, TimeUnit.SECONDS));
        assertTrue(failing.isBroken());
        var b = new Barrier(2);
        var waiter = new CompletableFuture<Throwable>();
        thread(() -> {
            try {
                b.await();
                waiter.complete(null);
            } catch (Throwable t) {
                waiter.complete(t);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (b.nWaiting() < 1 && System.nanoTime() < deadline) Leftovers.sleep(20);
        b.abort();
        assertInstanceOf(BarrierBrokenException.class, waiter.get(30, TimeUnit.SECONDS));
        b.reset();
        var ok = new CompletableFuture<Integer>();
        thread(() -> ok.complete(b.await()));
        int mine = b.await(Duration.ofSeconds(30));
        assertEquals(Set.of(0, 1), Set.of(mine, ok.get(30, TimeUnit.SECONDS)));
    }

    @Test
    void immediateShutdownDropsItemsAndFinishesTheirTasks() throws Exception {
        var jq = new JoinableQueue<Integer>();
        for (int i = 0; i < 4; i++) jq.put(i);
        assertEquals(0, jq.get());
        jq.taskDone();
        jq.shutdown(true);
        assertThrows(QueueShutDownException.class, jq::get);
        assertThrows(QueueShutDownException.class, () -> jq.put(9));
        jq.join(); // the dropped items count as done
        assertEquals(0, jq.qsize());
    }

    @Test
    void conditionWakesAWaiterInAnotherProcess() throws Exception {
        var cond = new Condition();
        var state = Value.ofInt(0, false);
        var child = run(() -> {
            try (var h = cond.hold()) {
                state.set(1); // ready
                cond.signalAll();
                if (!cond.awaitUntil(() -> state.get() == 2, Duration.ofSeconds(60))) throw new AssertionError("not woken");
                state.set(3);
                cond.signalAll();
            }
        });
        try (var h = cond.hold()) {
            assertTrue(cond.awaitUntil(() -> state.get() == 1, Duration.ofSeconds(60)));
            state.set(2);
            cond.signalAll();
            assertTrue(cond.awaitUntil(() -> state.get() == 3, Duration.ofSeconds(60)));
        }
        joinOk(child);
    }
}
