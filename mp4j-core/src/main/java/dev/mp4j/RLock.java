package dev.mp4j;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.Holds;
import dev.mp4j.internal.sync.LockCore;
import dev.mp4j.internal.sync.Waits;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.RLock}: a re-entrant lock owned by one thread of one process at a time. The owner
 * may acquire it again; it is free once released as often as acquired. Release by a non-owner, or when not held:
 * {@link IllegalMonitorStateException}.
 *
 * <p><b>Dead holders:</b> as for {@link Lock}: if the owning process ends while holding it (kill -9 included), the
 * next acquirer takes it over within a second (at count 1) and {@link #previousOwnerDied()} returns {@code true}
 * for that hold. Serializable: in another process it is the same lock.
 */
public class RLock implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final LockCore core;
    /** Set instead of {@code core} for a lock living in a {@link Manager} (then {@code core} is null). */
    final Backends.OfLock managed;
    /** What every operation delegates to: {@code core} here, or {@code managed} in a manager. */
    final Backends.OfLock backend;

    /** A new, unlocked re-entrant lock. */
    public RLock() {
        var engine = Context.defaultEngine();
        this.core = engine == null ? LockCore.create(true) : null;
        this.managed = engine == null ? null : engine.lock(true);
        this.backend = engine == null ? core : managed;
    }

    /** Wraps an existing re-entrant core (the locks of Value and SharedArray). */
    RLock(LockCore core) {
        if (!core.reentrant()) throw new IllegalArgumentException("not a re-entrant lock");
        this.core = core;
        this.managed = null;
        this.backend = core;
    }

    static {
        // passed to a child in its target, a lock skips Java serialization (see Portable)
        Portable.define(Portable.RLOCK, RLock.class, new Portable.Form() {
            @Override public Object read(Object[] f) { return new RLock((LockCore) f[0]); }

            @Override public Portable replace(Object value) {
                LockCore core = ((RLock) value).core;
                return core == null ? null : Portable.of(Portable.RLOCK, core);
            }
        });
    }

    /** A lock living in a manager server (see {@link Manager#rlock()}). */
    RLock(Backends.OfLock managed) {
        this.core = null;
        this.managed = managed;
        this.backend = managed;
    }

    /** Blocks until acquired (at once if this thread owns it). Interrupt: CancellationException. */
    public void acquire() {
        backend.acquire(Waits.FOREVER);
    }

    /** Acquires within {@code timeout} (zero or negative: do not block); false if it could not. */
    public boolean acquire(Duration timeout) {
        return backend.acquire(Waits.nanos(timeout));
    }

    /** Acquires if free, owned by this thread, or held by a dead process; never blocks. */
    public boolean tryAcquire() {
        return backend.acquire(0);
    }

    /** Releases one level. Not the owner, or not held: IllegalMonitorStateException. */
    public void release() {
        backend.release();
    }

    /** Whether some thread or process holds it. */
    public boolean isLocked() {
        return backend.isLocked();
    }

    /** Whether the calling thread owns it. */
    public boolean isHeldByCurrentThread() {
        return backend.heldByCurrentThread();
    }

    /** Acquires (blocking) and returns a handle whose close() releases one level. */
    public Lock.Held hold() {
        acquire();
        return Holds.of(this::release);
    }

    /** Whether the current hold began by taking over from a process that died holding it (see {@link Lock}). */
    public boolean previousOwnerDied() {
        return backend.previousOwnerDied();
    }

    @Override
    public String toString() {
        return backend.describe("RLock");
    }
}
