package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Manager queues and locks (CPython's _TestQueue / _TestLock run against a manager). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagerSyncTest {
    private static Manager manager;

    @BeforeAll
    static void startManager() { manager = Manager.start(); }

    @AfterAll
    static void stopManager() {
        manager.close();
        Leftovers.assertNone();
    }

    private static Process started(SerializableRunnable body) {
        var p = new Process(body);
        p.start();
        return p;
    }

    private static void joined(Process p) {
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void queueAcrossProcesses() {
        Queue<Object> q = manager.queue();
        var producer = started(() -> { for (int i = 0; i < 50; i++) q.put(i); q.put(null); });
        List<Object> got = new ArrayList<>();
        for (Object o; (o = q.get(Duration.ofSeconds(30))) != null; ) got.add(o);
        joined(producer);
        assertEquals(50, got.size());
        for (int i = 0; i < 50; i++) assertEquals(i, got.get(i), "FIFO per producer");
        assertTrue(q.isEmpty());
        assertTrue(q.toString().contains("manager"), q.toString());
    }

    @Test
    void boundedQueueTimeoutsAndShutdown() {
        Queue<String> q = manager.queue(2);
        q.put("a");
        q.putNowait("b");
        assertTrue(q.isFull());
        assertEquals(2, q.qsize());
        assertThrows(QueueFullException.class, () -> q.put("c", Duration.ofMillis(50)));
        assertThrows(QueueFullException.class, () -> q.putNowait("c"));
        assertEquals("a", q.get());
        assertEquals("b", q.getNowait());
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(50)));
        q.put("x");
        q.shutdown();
        assertThrows(QueueShutDownException.class, () -> q.put("y"));
        assertEquals("x", q.get(), "items put before shutdown are still got");
        assertThrows(QueueShutDownException.class, q::get);
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put("z"));
    }

    @Test
    void joinableQueueWithAChildConsumer() {
        JoinableQueue<Integer> q = manager.joinableQueue();
        Map<Integer, Integer> squares = manager.dict();
        var consumer = started(() -> {
            while (true) {
                Integer x = q.get();
                if (x == null) { q.taskDone(); return; }
                squares.put(x, x * x);
                q.taskDone();
            }
        });
        for (int i = 0; i < 10; i++) q.put(i);
        q.put(null);
        q.join();
        assertEquals(10, squares.size());
        assertEquals(81, squares.get(9));
        joined(consumer);
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void lockAcrossProcessesAndDeadHolders() throws Exception {
        Lock lock = manager.lock();
        assertTrue(lock.tryAcquire());
        assertTrue(lock.isLocked());
        assertFalse(lock.acquire(Duration.ofMillis(50)));
        var child = started(() -> {
            if (lock.tryAcquire()) throw new AssertionError("acquired a held lock");
            lock.release(); // any process may release a Lock
        });
        joined(child);
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        try (var h = lock.hold()) {
            assertTrue(lock.isLocked());
        }
        assertFalse(lock.isLocked());

        var holder = started(() -> { lock.acquire(); Thread.sleep(60_000); });
        for (long end = System.nanoTime() + 30_000_000_000L; !lock.isLocked() && System.nanoTime() < end; ) Thread.sleep(10);
        holder.kill();
        holder.join();
        assertTrue(lock.acquire(Duration.ofSeconds(10)), "a dead holder's lock is released");
        assertTrue(lock.previousOwnerDied());
        lock.release();
        assertTrue(lock.acquire(Duration.ofSeconds(1)));
        assertFalse(lock.previousOwnerDied());
        lock.release();
    }

    @Test
    void rlockOwnershipIsPerThread() throws Exception {
        RLock r = manager.rlock();
        r.acquire();
        r.acquire();
        assertTrue(r.isHeldByCurrentThread());
        Thread other = Thread.ofPlatform().start(() -> {
            assertFalse(r.isHeldByCurrentThread());
            assertFalse(r.tryAcquire());
            assertThrows(IllegalMonitorStateException.class, r::release);
        });
        other.join();
        r.release();
        assertTrue(r.isLocked());
        r.release();
        assertFalse(r.isLocked());
        assertThrows(IllegalMonitorStateException.class, r::release);
        var child = started(() -> { r.acquire(); r.acquire(); r.release(); r.release(); });
        joined(child);
        assertFalse(r.isLocked());
    }

    @Test
    void lockGuardsAManagedCounter() {
        Lock lock = manager.lock();
        ValueProxy<Integer> counter = manager.value(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) ps.add(started(() -> {
            for (int k = 0; k < 20; k++) {
                try (var h = lock.hold()) { counter.set(counter.get() + 1); }
            }
        }));
        ps.forEach(ManagerSyncTest::joined);
        assertEquals(60, counter.get());
    }

    @Test
    void semaphores() {
        Semaphore s = manager.semaphore(2);
        assertTrue(s.tryAcquire());
        assertTrue(s.acquire(Duration.ofMillis(10)));
        assertFalse(s.tryAcquire());
        assertEquals(0, s.value());
        joined(started(s::release)); // no owner: any process may release
        assertEquals(1, s.value());
        s.release();
        s.release(); // a plain semaphore may go above its initial value
        assertEquals(3, s.value());
        BoundedSemaphore b = manager.boundedSemaphore(1);
        b.acquire();
        b.release();
        assertThrows(IllegalStateException.class, b::release);
        assertEquals(1, b.value());
        assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
        assertTrue(b.toString().contains("maxvalue=1"), b.toString());
    }

    @Test
    void eventAcrossProcesses() {
        Event e = manager.event();
        assertFalse(e.isSet());
        assertFalse(e.await(Duration.ofMillis(20)));
        var waiter = started(() -> { if (!e.await(Duration.ofSeconds(30))) throw new AssertionError("not set"); });
        e.set();
        joined(waiter);
        assertTrue(e.isSet());
        e.clear();
        assertFalse(e.isSet());
    }

    @Test
    void conditionWaitSignalAndPredicate() throws Exception {
        Condition c = manager.condition();
        Namespace state = manager.namespace();
        state.set("ready", false);
        assertThrows(IllegalMonitorStateException.class, c::signal);
        assertThrows(IllegalMonitorStateException.class, () -> c.await(Duration.ofMillis(1)));
        var child = started(() -> {
            try (var h = c.hold()) {
                if (!c.awaitUntil(() -> state.<Boolean>get("ready"), Duration.ofSeconds(30))) throw new AssertionError("timed out");
                state.set("seen", true);
            }
        });
        Thread.sleep(200);
        try (var h = c.hold()) {
            state.set("ready", true);
            c.signalAll();
        }
        joined(child);
        assertTrue(state.<Boolean>get("seen"));
        try (var h = c.hold()) {
            c.acquire(); // its own lock is re-entrant
            c.release();
            assertFalse(c.await(Duration.ofMillis(30)), "a timed-out wait says false and holds the lock again");
            c.signal(); // still held: no IllegalMonitorStateException
        }
        assertThrows(IllegalMonitorStateException.class, c::release);
    }

    @Test
    void barrierAcrossProcesses() throws Exception {
        Barrier b = manager.barrier(3);
        assertEquals(3, b.parties());
        List<Integer> indices = manager.list();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) ps.add(started(() -> indices.add(b.await(Duration.ofSeconds(30)))));
        indices.add(b.await(Duration.ofSeconds(30)));
        ps.forEach(ManagerSyncTest::joined);
        assertEquals(List.of(0, 1, 2), indices.stream().sorted().toList());
        assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ofMillis(30)), "a timeout breaks it");
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, b::await);
        b.reset();
        assertFalse(b.isBroken());
        assertEquals(0, b.nWaiting());
        b.abort();
        assertThrows(BarrierBrokenException.class, b::await);
        assertThrows(IllegalArgumentException.class, () -> manager.barrier(0));
    }

    @Test
    void aConsumerKilledWhileWaitingLosesNoItem() throws Exception {
        Queue<String> q = manager.queue();
        Event waiting = manager.event();
        var consumer = started(() -> { waiting.set(); q.get(); });
        assertTrue(waiting.await(Duration.ofSeconds(30)));
        Thread.sleep(200); // the get is waiting in the server now
        consumer.kill();
        consumer.join();
        Thread.sleep(300); // the server notices the dropped connection within a slice
        q.put("precious");
        assertEquals("precious", q.get(Duration.ofSeconds(10)));
    }

    @Test
    void anInterruptedAcquireTakesNothing() throws Exception {
        Lock lock = manager.lock();
        lock.acquire();
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Thread.sleep(300);
        t.interrupt();
        t.join(10_000);
        assertInstanceOf(java.util.concurrent.CancellationException.class, failure.get());
        Thread.sleep(300);
        lock.release();
        Thread.sleep(300);
        assertTrue(lock.tryAcquire(), "the abandoned acquire did not take the lock");
        lock.release();
    }
}
