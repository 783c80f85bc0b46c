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
 * Python's {@code multiprocessing.Lock}: a non-recursive mutex shared by threads and processes. Any thread or
 * process may release it (as in Python); releasing an unlocked Lock throws {@link IllegalStateException}.
 *
 * <p><b>Dead holders.</b> If the process holding it ends without releasing it (kill -9 included), the lock is not
 * lost, as it is in CPython: the next acquirer takes it over within a second, and {@link #previousOwnerDied()}
 * then returns {@code true} for that hold, so the new owner can repair whatever the dead one left half-done. The
 * flag describes the current hold and is reset by the next normal acquisition. A thread that ends while holding the
 * lock in a live process keeps it held, as in Python.
 *
 * <p>Serializable: passed to another process (captured by a lambda, a field, an argument) it is the same lock.
 * Uses the futex fast path when native access is enabled ({@code --enable-native-access=ALL-UNNAMED}), a portable
 * wait otherwise.
 */
public class Lock implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** A held lock for try-with-resources: {@code try (var h = lock.hold()) { ... }}; close() releases. */
    public interface Held extends AutoCloseable {
        /** Releases what {@code hold()} acquired; repeated calls do nothing. */
        @Override
        void close();
    }

    final LockCore core;
    /** Set instead of {@code core} for a lock living in a {@link Manager} or a cluster (then {@code core} is null). */
    final Backends.OfLock managed;
    /** What every operation delegates to: {@code core} here, or {@code managed} in a manager. */
    final Backends.OfLock backend;

    /** A new, unlocked lock (in the cluster when the default {@link Context} is a cluster's). */
    public Lock() {
        var engine = Context.defaultEngine();
        this.core = engine == null ? LockCore.create(false) : null;
        this.managed = engine == null ? null : engine.lock(false);
        this.backend = engine == null ? core : managed;
    }

    /** A lock that arrived in the codec's own form: its shared core. */
    private Lock(LockCore core, boolean arrived) {
        this.core = core;
        this.managed = null;
        this.backend = core;
    }

    static {
        // passed to a child in its target, a lock skips Java serialization (see Portable)
        Portable.define(Portable.LOCK, Lock.class, new Portable.Form() {
            @Override public Object read(Object[] f) {
                var core = (LockCore) f[0];
                if (core.reentrant()) throw new IllegalArgumentException("bad lock: re-entrant core");
                return new Lock(core, true);
            }

            @Override public Portable replace(Object value) {
                LockCore core = ((Lock) value).core;
                return core == null ? null : Portable.of(Portable.LOCK, core);
            }
        });
    }

    /** A lock living in a manager server (see {@link Manager#lock()}). */
    Lock(Backends.OfLock managed) {
        this.core = null;
        this.managed = managed;
        this.backend = managed;
    }

    /** Blocks until acquired. Interrupt while blocked: CancellationException (flag set again). */
    public void acquire() {
        backend.acquire(Waits.FOREVER);
    }

    /** Acquires within {@code timeout} (zero or negative: do not block); false if it could not. */
    public boolean acquire(Duration timeout) {
        return backend.acquire(Waits.nanos(timeout));
    }

    /** Acquires if free now (or held by a dead process); never blocks. */
    public boolean tryAcquire() {
        return backend.acquire(0);
    }

    /** Releases; any thread or process may. Unlocked: IllegalStateException. */
    public void release() {
        backend.release();
    }

    /** Whether some thread or process holds it. */
    public boolean isLocked() {
        return backend.isLocked();
    }

    /** Acquires (blocking) and returns a handle whose close() releases. */
    public Held hold() {
        acquire();
        return Holds.of(this::release);
    }

    /**
     * Whether the current hold began by taking the lock over from a process that died while holding it (see the
     * class comment). Call it right after acquiring.
     */
    public boolean previousOwnerDied() {
        return backend.previousOwnerDied();
    }

    @Override
    public String toString() {
        return backend.describe("Lock");
    }
}
