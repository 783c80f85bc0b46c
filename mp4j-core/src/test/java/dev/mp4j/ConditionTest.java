package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_notify, test_notify_all, test_notify_n, test_timeout and test_waitfor, across processes. */
@Timeout(90)
class ConditionTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    /** Python's ConditionTests.f: announce, wait, count the wake-up. */
    static void waiter(Condition cond, Semaphore sleeping, Semaphore woken, Duration timeout) {
        cond.acquire();
        sleeping.release();
        if (timeout == null) cond.await();
        else cond.await(timeout);
        woken.release();
        cond.release();
    }

    private static void waitFor(Semaphore sem, int value) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sem.value() < value && System.nanoTime() < deadline) Leftovers.sleep(10);
        Leftovers.sleep(150); // and give a wrongly woken waiter time to show up
    }

    @Test
    void notifyOneAtATime() throws Exception {
        Condition cond = new Condition();
        Semaphore sleeping = new Semaphore(0), woken = new Semaphore(0);
        Process p = new Process(() -> waiter(cond, sleeping, woken, null));
        p.start();
        Thread t = Thread.ofPlatform().start(() -> waiter(cond, sleeping, woken, null));
        assertTrue(sleeping.acquire(Duration.ofSeconds(20)));
        assertTrue(sleeping.acquire(Duration.ofSeconds(20)));
        Leftovers.sleep(150);
        assertEquals(0, woken.value());
        try (Lock.Held h = cond.hold()) {
            cond.signal();
        }
        waitFor(woken, 1);
        assertEquals(1, woken.value());
        try (Lock.Held h = cond.hold()) {
            cond.signal();
        }
        waitFor(woken, 2);
        assertEquals(2, woken.value());
        t.join(10_000);
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void notifyN() throws Exception {
        Condition cond = new Condition();
        Semaphore sleeping = new Semaphore(0), woken = new Semaphore(0);
        List<Process> ps = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = new Process(() -> waiter(cond, sleeping, woken, null));
            p.start();
            ps.add(p);
            ts.add(Thread.ofPlatform().start(() -> waiter(cond, sleeping, woken, null)));
        }
        for (int i = 0; i < 6; i++) assertTrue(sleeping.acquire(Duration.ofSeconds(30)));
        Leftovers.sleep(150);
        assertEquals(0, woken.value());
        cond.acquire();
        cond.signal(2);
        cond.release();
        waitFor(woken, 2);
        assertEquals(2, woken.value(), "signal(2) wakes exactly two");
        cond.acquire();
        cond.signal(4);
        cond.release();
        waitFor(woken, 6);
        assertEquals(6, woken.value());
        cond.acquire();
        cond.signal(3); // nobody waits: no effect
        cond.release();
        assertEquals(6, woken.value());
        for (Thread t : ts) t.join(10_000);
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(20)));
            assertEquals(0, p.exitCode());
        }
    }

    @Test
    void notifyAllAndTimeouts() throws Exception {
        Condition cond = new Condition(new Lock());
        Semaphore sleeping = new Semaphore(0), woken1 = new Semaphore(0);
        Semaphore woken = woken1;
        // Two waiters with a short timeout: they wake by themselves.
        Process p = new Process(() -> waiter(cond, sleeping, woken1, Duration.ofMillis(300)));
        p.start();
        Thread t = Thread.ofPlatform().start(() -> waiter(cond, sleeping, woken1, Duration.ofMillis(300)));
        assertTrue(sleeping.acquire(Duration.ofSeconds(20)) && sleeping.acquire(Duration.ofSeconds(20)));
        waitFor(woken, 2);
        assertEquals(2, woken.value());
        t.join(10_000);
        assertTrue(p.join(Duration.ofSeconds(20)));
        // Then two without: signalAll wakes both.
        Semaphore w2 = new Semaphore(0);
        p = new Process(() -> waiter(cond, sleeping, w2, null));
        p.start();
        t = Thread.ofPlatform().start(() -> waiter(cond, sleeping, w2, null));
        assertTrue(sleeping.acquire(Duration.ofSeconds(20)) && sleeping.acquire(Duration.ofSeconds(20)));
        Leftovers.sleep(150);
        assertEquals(0, w2.value());
        cond.acquire();
        cond.signalAll();
        cond.release();
        waitFor(w2, 2);
        assertEquals(2, w2.value());
        t.join(10_000);
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void awaitTimesOut() {
        Condition cond = new Condition();
        cond.acquire();
        long t = System.nanoTime();
        assertFalse(cond.await(Duration.ofMillis(150)));
        assertTrue(System.nanoTime() - t >= 145_000_000L);
        assertFalse(cond.await(Duration.ZERO));
        cond.release();
    }

    @Test
    void awaitUntilAcrossProcesses() {
        Condition cond = new Condition();
        Value.OfInt state = Value.ofInt(0, false);
        Process p = new Process(() -> {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(30);
                cond.acquire();
                state.set(state.get() + 1);
                cond.signalAll();
                cond.release();
            }
        });
        p.start();
        cond.acquire();
        assertTrue(cond.awaitUntil(() -> state.get() == 4));
        assertEquals(4, state.get());
        long t = System.nanoTime();
        assertFalse(cond.awaitUntil(() -> state.get() == 42, Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t >= 95_000_000L);
        cond.release();
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void misuse() {
        Condition cond = new Condition();
        assertThrows(IllegalMonitorStateException.class, cond::await);
        assertThrows(IllegalMonitorStateException.class, cond::signal);
        assertThrows(IllegalMonitorStateException.class, cond::signalAll);
        assertThrows(IllegalMonitorStateException.class, cond::release);
        cond.acquire();
        assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
        cond.signal(0);
        cond.release();
        // RLock-based: await releases every level and restores them.
        RLock r = new RLock();
        Condition c2 = new Condition(r);
        r.acquire();
        r.acquire();
        assertFalse(c2.await(Duration.ofMillis(20)));
        r.release();
        assertTrue(r.isHeldByCurrentThread(), "count restored to 2");
        r.release();
        assertFalse(r.isLocked());
        assertTrue(cond.toString().startsWith("Condition(RLock("), cond.toString());
    }

    @Test
    void interruptedAwaitThrowsWithTheLockHeldAgain() throws Exception {
        Condition cond = new Condition();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean heldAfter = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            cond.acquire();
            try {
                cond.await();
            } catch (Throwable e) {
                thrown.set(e);
                heldAfter.set(Thread.currentThread().isInterrupted());
                cond.release(); // must not throw: the lock is held again
            }
        });
        Thread.sleep(100);
        t.interrupt();
        t.join(2000);
        assertInstanceOf(java.util.concurrent.CancellationException.class, thrown.get());
        assertTrue(heldAfter.get(), "interrupt flag set again");
        cond.acquire();
        cond.signal(); // nobody waits any more: the withdrawn waiter left no count behind
        cond.release();
    }
}
