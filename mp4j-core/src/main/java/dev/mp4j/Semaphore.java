package dev.mp4j;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.backend.Backends;
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
    /** What every operation delegates to: {@code core} here, or {@code managed} in a manager. */
    private final Backends.OfSemaphore backend;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /** A semaphore with {@code value} permits; negative: IllegalArgumentException. */
    public Semaphore(int value) {
        this(value, false);
    }

    Semaphore(int value, boolean bounded) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0, got " + value);
        var engine = Context.defaultEngine();
        this.core = engine == null ? SemaphoreCore.create(value, bounded) : null;
        this.managed = engine == null ? null : engine.semaphore(value, bounded);
        this.backend = engine == null ? core : managed;
    }

    /** A semaphore living in a manager server (see {@link Manager#semaphore(int)}). */
    Semaphore(Backends.OfSemaphore managed) {
        this.core = null;
        this.managed = managed;
        this.backend = managed;
    }

    /** A semaphore that arrived in the codec's own form: its shared core. */
    Semaphore(SemaphoreCore core, boolean arrived) {
        this.core = core;
        this.managed = null;
        this.backend = core;
    }

    static {
        // passed to a child in its target, a semaphore skips Java serialization (see Portable)
        Portable.define(Portable.SEMAPHORE, Semaphore.class, new Portable.Form() {
            @Override public Object read(Object[] f) { return new Semaphore((SemaphoreCore) f[0], true); }

            @Override public Portable replace(Object value) {
                SemaphoreCore core = ((Semaphore) value).core;
                return core == null ? null : Portable.of(Portable.SEMAPHORE, core);
            }
        });
    }

    /** Takes a permit, blocking while there is none. Interrupt: CancellationException (flag set again). */
    public void acquire() {
        backend.acquire(Waits.FOREVER);
    }

    /** Takes a permit within {@code timeout} (zero or negative: do not block); false if none came. */
    public boolean acquire(Duration timeout) {
        return backend.acquire(Waits.nanos(timeout));
    }

    /** Takes a permit if one is free now. */
    public boolean tryAcquire() {
        return backend.acquire(0);
    }

    /** Returns a permit, waking one waiter. */
    public void release() {
        backend.release();
    }

    /** The number of free permits (Python's {@code get_value()}). */
    public int value() {
        return backend.value();
    }

    /** Acquires (blocking) and returns a handle whose close() releases. */
    public Lock.Held hold() {
        acquire();
        return Holds.of(this::release);
    }

    @Override
    public String toString() {
        return backend.describe(getClass().getSimpleName());
    }
}
