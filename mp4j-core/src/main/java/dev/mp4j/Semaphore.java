package dev.mp4j;

import dev.mp4j.internal.manager.Backends;
import dev.mp4j.internal.sync.Holds;
import dev.mp4j.internal.sync.SemaphoreCore;
import dev.mp4j.internal.sync.Waits;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Semaphore}: a counter of permits shared by threads and processes. It has no
 * owner: any thread or process may release, and permits taken by a process that died stay taken, as in Python.
 * Serializable: in another process it is the same semaphore.
 */
public class Semaphore implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final SemaphoreCore core;
    /** Set instead of {@code core} for a semaphore living in a {@link Manager} (then {@code core} is null). */
    final Backends.OfSemaphore managed;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /** A semaphore with {@code value} permits; negative: IllegalArgumentException. */
    public Semaphore(int value) {
        this(value, false);
    }

    Semaphore(int value, boolean bounded) {
        this.core = SemaphoreCore.create(value, bounded);
        this.managed = null;
    }

    /** A semaphore living in a manager server (see {@link Manager#semaphore(int)}). */
    Semaphore(Backends.OfSemaphore managed) {
        this.core = null;
        this.managed = managed;
    }

    /** Takes a permit, blocking while there is none. Interrupt: CancellationException (flag set again). */
    public void acquire() {
        if (managed != null) { managed.acquire(Waits.FOREVER); return; }
        core.acquire(Waits.FOREVER);
    }

    /** Takes a permit within {@code timeout} (zero or negative: do not block); false if none came. */
    public boolean acquire(Duration timeout) {
        if (managed != null) return managed.acquire(Waits.nanos(timeout));
        return core.acquire(Waits.nanos(timeout));
    }

    /** Takes a permit if one is free now. */
    public boolean tryAcquire() {
        if (managed != null) return managed.acquire(0);
        return core.acquire(0);
    }

    /** Returns a permit, waking one waiter. */
    public void release() {
        if (managed != null) { managed.release(); return; }
        core.release();
    }

    /** The number of free permits (Python's {@code get_value()}). */
    public int value() {
        if (managed != null) return managed.value();
        return core.value();
    }

    /** Acquires (blocking) and returns a handle whose close() releases. */
    public Lock.Held hold() {
        acquire();
        return Holds.of(this::release);
    }

    @Override
    public String toString() {
        if (managed != null) return managed.describe(getClass().getSimpleName());
        return getClass().getSimpleName() + "(value=" + value() + (core.bound() >= 0 ? ", maxvalue=" + core.bound() : "") + ")";
    }
}
