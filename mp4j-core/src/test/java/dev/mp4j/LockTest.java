package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_lock / test_rlock, across threads and real child processes, plus dead holders. */
@Timeout(60)
class LockTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static Process started(SerializableRunnable target) {
        Process p = new Process(target);
        p.start();
        return p;
    }

    @Test
    void lockBasics() {
        Lock lock = new Lock();
        assertEquals("Lock(unlocked)", lock.toString());
        assertTrue(lock.tryAcquire());
        assertTrue(lock.isLocked());
        assertEquals("Lock(owner=MainProcess)", lock.toString());
        assertFalse(lock.tryAcquire(), "not re-entrant");
        assertFalse(lock.acquire(Duration.ofMillis(20)));
        assertFalse(lock.acquire(Duration.ZERO));
        lock.release();
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
        try (Lock.Held h = lock.hold()) {
            assertTrue(lock.isLocked());
        }
        assertFalse(lock.isLocked(), "still works after the bad release");
        assertFalse(lock.previousOwnerDied());
    }

    @Test
    void anyThreadMayReleaseALock() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        Thread t = Thread.ofPlatform().start(lock::release);
        t.join();
        assertFalse(lock.isLocked());
    }

    @Test
    void mutualExclusionAcrossThreads() throws Exception {
        Lock lock = new Lock();
        int[] counter = {0};
        Thread[] ts = new Thread[4];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Thread.ofPlatform().start(() -> {
                for (int j = 0; j < 20_000; j++) {
                    lock.acquire();
                    counter[0]++;
                    lock.release();
                }
            });
        }
        for (Thread t : ts) t.join();
        assertEquals(80_000, counter[0]);
    }

    @Test
    void interruptWhileBlockedThrowsCancellation() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        Thread.sleep(100);
        t.interrupt();
        t.join(2000);
        assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(flag.get(), "interrupt flag set again");
        lock.release();
    }

    @Test
    void lockAcrossProcesses() {
        Lock lock = new Lock();
        Value.OfInt step = Value.ofInt(0);
        lock.acquire();
        Process child = started(() -> {
            if (lock.tryAcquire()) throw new AssertionError("child got a held lock");
            step.set(1);
            lock.acquire(); // blocks until the parent releases
            step.set(2);
            lock.release();
        });
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (step.get() != 1 && System.nanoTime() < deadline) Leftovers.sleep(5);
        assertEquals(1, step.get());
        Leftovers.sleep(100);
        assertEquals(1, step.get(), "child must still be blocked");
        lock.release();
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertEquals(2, step.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void childMayReleaseParentsLock() {
        Lock lock = new Lock();
        lock.acquire();
        Process child = started(lock::release);
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertFalse(lock.isLocked());
    }

    @Test
    void deadHolderIsTakenOverWithinASecond() {
        for (boolean reentrant : new boolean[] {false, true}) {
            Lock lock = new Lock();
            RLock rlock = new RLock();
            Event held = new Event();
            Process child = started(() -> {
                if (reentrant) {
                    rlock.acquire();
                    rlock.acquire();
                } else {
                    lock.acquire();
                }
                held.set();
                Thread.sleep(60_000);
            });
            assertTrue(held.await(Duration.ofSeconds(20)));
            assertFalse(reentrant ? rlock.tryAcquire() : lock.tryAcquire());
            assertTrue((reentrant ? rlock.toString() : lock.toString()).contains("owner=pid " + child.pid()));
            child.kill();
            long killed = System.nanoTime();
            boolean got = reentrant ? rlock.acquire(Duration.ofSeconds(5)) : lock.acquire(Duration.ofSeconds(5));
            long ms = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(got, "acquired after the holder's death");
            assertTrue(ms < 1000, "took " + ms + " ms");
            assertTrue(reentrant ? rlock.previousOwnerDied() : lock.previousOwnerDied());
            child.join();
            assertEquals(-9, child.exitCode());
            if (reentrant) {
                assertTrue(rlock.isHeldByCurrentThread());
                rlock.release();
                assertFalse(rlock.isLocked(), "taken over at count 1");
                rlock.acquire();
                assertFalse(rlock.previousOwnerDied(), "the flag describes the current hold only");
                rlock.release();
            } else {
                lock.release();
                lock.acquire();
                assertFalse(lock.previousOwnerDied());
                lock.release();
            }
        }
    }

    @Test
    void rlockBasics() throws Exception {
        RLock r = new RLock();
        assertEquals("RLock(unlocked)", r.toString());
        r.acquire();
        r.acquire();
        assertTrue(r.tryAcquire());
        assertEquals("RLock(owner=MainProcess, count=3)", r.toString());
        r.release();
        r.release();
        assertTrue(r.isLocked());
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                assertFalse(r.tryAcquire());
                r.release();
            } catch (Throwable e) {
                other.set(e);
            }
        });
        t.join();
        assertInstanceOf(IllegalMonitorStateException.class, other.get());
        r.release();
        assertFalse(r.isLocked());
        assertThrows(IllegalMonitorStateException.class, r::release);
        try (Lock.Held h = r.hold(); Lock.Held h2 = r.hold()) {
            assertTrue(r.isHeldByCurrentThread());
        }
        assertFalse(r.isLocked());
    }

    @Test
    void rlockOwnedByOneProcess() {
        RLock r = new RLock();
        Event checked = new Event();
        r.acquire();
        Process child = started(() -> {
            if (r.tryAcquire()) throw new AssertionError("child acquired the parent's RLock");
            try {
                r.release();
                throw new AssertionError("child released the parent's RLock");
            } catch (IllegalMonitorStateException expected) {
                // as in Python
            }
            checked.set();
            r.acquire(); // waits for the parent
            r.acquire();
            r.release();
            r.release();
        });
        assertTrue(checked.await(Duration.ofSeconds(20)));
        r.release();
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertFalse(r.isLocked());
    }

    @Test
    void manyThreadsAndProcessesCount() throws Exception {
        Lock lock = new Lock();
        Value.OfLong total = Value.ofLong(0, false);
        SerializableRunnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                lock.acquire();
                total.set(total.get() + 1); // non-atomic on purpose: the lock must make it exact
                lock.release();
            }
        };
        Process a = started(work), b = started(work);
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                done.countDown();
            });
        }
        done.await();
        assertTrue(a.join(Duration.ofSeconds(30)) && b.join(Duration.ofSeconds(30)));
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        assertEquals(80_000, total.get());
    }

    @Test
    void toStringNamesTheOwningProcess() {
        Lock lock = new Lock();
        Event held = new Event(), seen = new Event();
        Process child = new Process("holder", () -> {
            lock.acquire();
            if (!lock.toString().equals("Lock(owner=holder)")) throw new AssertionError(lock.toString());
            held.set();
            seen.await();
            lock.release();
        });
        child.start();
        assertTrue(held.await(Duration.ofSeconds(20)));
        assertEquals("Lock(owner=pid " + child.pid() + ")", lock.toString());
        seen.set();
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertEquals("Lock(unlocked)", lock.toString());
    }

    @Test
    void aHandleWhoseHoldersAllEndedCannotBeAttached() throws Exception {
        SharedArray.OfByte out = SharedArray.ofBytes(4096);
        Value.OfInt length = Value.ofInt(0);
        Process child = started(() -> {
            var bytes = new java.io.ByteArrayOutputStream();
            try (var o = new java.io.ObjectOutputStream(bytes)) {
                o.writeObject(new Lock());
            }
            byte[] b = bytes.toByteArray();
            out.copyFrom(b, 0, 0, b.length);
            length.set(b.length);
        });
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        byte[] b = new byte[length.get()];
        out.copyTo(0, b, 0, b.length);
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(b))) {
            Mp4jException e = assertThrows(Mp4jException.class, in::readObject);
            assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
        }
    }

    @Test
    void tryAcquireAlsoTakesOverFromADeadHolder() {
        Lock lock = new Lock();
        Event held = new Event();
        Process child = started(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(60_000);
        });
        assertTrue(held.await(Duration.ofSeconds(20)));
        assertFalse(lock.tryAcquire());
        child.kill();
        child.join();
        long deadline = System.nanoTime() + 1_000_000_000L;
        boolean got = false;
        while (!got && System.nanoTime() < deadline) {
            got = lock.tryAcquire();
            if (!got) Leftovers.sleep(10);
        }
        assertTrue(got, "taken over within a second by polling tryAcquire");
        assertTrue(lock.previousOwnerDied());
        lock.release();
    }
}
