package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_semaphore, test_bounded_semaphore, test_timeout and test_event, with child processes. */
@Timeout(60)
class SemaphoreEventTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static void twoPermits(Semaphore sem) {
        assertEquals(2, sem.value());
        sem.acquire();
        assertEquals(1, sem.value());
        assertTrue(sem.tryAcquire());
        assertEquals(0, sem.value());
        assertFalse(sem.tryAcquire());
        assertFalse(sem.acquire(Duration.ZERO));
        sem.release();
        assertEquals(1, sem.value());
        sem.release();
        assertEquals(2, sem.value());
    }

    @Test
    void semaphore() {
        Semaphore sem = new Semaphore(2);
        twoPermits(sem);
        sem.release();
        assertEquals(3, sem.value());
        sem.release();
        assertEquals(4, sem.value());
        assertEquals(1, new Semaphore().value());
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("Semaphore(value=4)", sem.toString());
    }

    @Test
    void boundedSemaphore() {
        Semaphore sem = new BoundedSemaphore(2);
        twoPermits(sem);
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(2, sem.value(), "unchanged by the refused release");
        twoPermits(sem); // keeps working
        assertEquals(1, new BoundedSemaphore().value());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-3));
        try (Lock.Held h = sem.hold()) {
            assertEquals(1, sem.value());
        }
        assertEquals(2, sem.value());
    }

    @Test
    void timeouts() {
        Semaphore sem = new Semaphore(0);
        long t = System.nanoTime();
        assertFalse(sem.acquire(Duration.ZERO));
        assertFalse(sem.acquire(Duration.ofMillis(-5)));
        assertTrue(System.nanoTime() - t < 50_000_000L, "zero/negative timeouts do not block");
        t = System.nanoTime();
        assertFalse(sem.acquire(Duration.ofMillis(200)));
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms >= 195 && ms < 1500, "waited " + ms + " ms");
    }

    @Test
    void semaphoreAcrossProcesses() {
        Semaphore items = new Semaphore(0);
        Semaphore done = new Semaphore(0);
        Process child = new Process(() -> {
            for (int i = 0; i < 3; i++) items.acquire();
            done.release();
        });
        child.start();
        for (int i = 0; i < 3; i++) items.release();
        assertTrue(done.acquire(Duration.ofSeconds(20)));
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
        assertEquals(0, items.value());
    }

    @Test
    void interruptedAcquire() throws Exception {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                sem.acquire();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        Thread.sleep(100);
        th.interrupt();
        th.join(2000);
        assertInstanceOf(CancellationException.class, thrown.get());
        sem.release();
        assertEquals(1, sem.value(), "the permit was not taken by the cancelled waiter");
    }

    @Test
    void event() {
        Event event = new Event();
        assertFalse(event.isSet());
        long t = System.nanoTime();
        assertFalse(event.await(Duration.ZERO));
        assertTrue(System.nanoTime() - t < 50_000_000L);
        t = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t >= 95_000_000L);
        event.set();
        assertTrue(event.isSet());
        event.await();
        assertTrue(event.await(Duration.ofMillis(100)));
        assertEquals("Event(set)", event.toString());
        event.clear();
        assertFalse(event.isSet());
        Process child = new Process(() -> {
            Thread.sleep(200);
            event.set();
        });
        child.start();
        assertTrue(event.await(Duration.ofSeconds(20)));
        assertTrue(child.join(Duration.ofSeconds(20)));
        assertEquals(0, child.exitCode());
    }

    @Test
    void eventWakesEveryWaiterInEveryProcess() throws Exception {
        Event go = new Event();
        Semaphore ready = new Semaphore(0);
        Value.OfInt woken = Value.ofInt(0);
        SerializableRunnable waiter = () -> {
            ready.release();
            if (go.await(Duration.ofSeconds(30))) woken.incrementAndGet();
        };
        Process a = new Process(waiter), b = new Process(waiter);
        a.start();
        b.start();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                waiter.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 3; i++) assertTrue(ready.acquire(Duration.ofSeconds(20)));
        Leftovers.sleep(100);
        assertEquals(0, woken.get());
        go.set();
        t.join(10_000);
        assertTrue(a.join(Duration.ofSeconds(20)) && b.join(Duration.ofSeconds(20)));
        assertEquals(3, woken.get());
    }

    @Test
    void permitsOfADeadProcessStayTaken() {
        Semaphore sem = new Semaphore(2);
        Event took = new Event();
        Process child = new Process(() -> {
            sem.acquire();
            took.set();
            Thread.sleep(60_000);
        });
        child.start();
        assertTrue(took.await(Duration.ofSeconds(20)));
        child.kill();
        child.join();
        assertEquals(1, sem.value(), "no owner: as in Python, the permit is not given back");
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire());
    }

    @Test
    void interruptedEventAwait() throws Exception {
        Event event = new Event();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                event.await();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        Thread.sleep(100);
        th.interrupt();
        th.join(2000);
        assertInstanceOf(CancellationException.class, thrown.get());
    }
}
