package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.sync.ConditionCore;
import dev.mp4j.internal.sync.Holds;
import dev.mp4j.internal.sync.LocalCondition;
import dev.mp4j.internal.sync.LockCore;
import dev.mp4j.internal.sync.Waits;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code multiprocessing.Condition}: waiting for a signal while holding a {@link Lock} or {@link RLock}
 * (its own RLock by default), across threads and processes. {@code await} releases the lock (every level of an
 * RLock) while waiting and re-acquires it before returning. {@code signal(n)} wakes at most n waiters. Awaiting,
 * signalling or releasing without holding the lock: {@link IllegalMonitorStateException}.
 */
public class Condition implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** Set for a condition living in a {@link Manager} or a cluster (null for a shared-memory one). */
    final Backends.OfCondition managed;
    /** What every operation delegates to. */
    private final Backends.OfCondition backend;

    /** A condition with a new RLock of its own (in the cluster when the default {@link Context} is a cluster's). */
    public Condition() {
        var engine = Context.defaultEngine();
        if (engine == null) {
            this.managed = null;
            this.backend = LocalCondition.over(new RLock().core, "RLock");
        } else {
            this.managed = engine.condition(null);
            this.backend = managed;
        }
    }

    /** A condition over {@code lock}. */
    public Condition(Lock lock) {
        this(lock.core, lock.backend, "Lock");
    }

    /** A condition over {@code lock}. */
    public Condition(RLock lock) {
        this(lock.core, lock.backend, "RLock");
    }

    private Condition(LockCore core, Backends.OfLock lock, String lockType) {
        if (core != null) {
            this.managed = null;
            this.backend = LocalCondition.over(core, lockType);
        } else {
            // a lock living elsewhere: only the engine it lives in can wait on it
            var engine = Context.defaultEngine();
            if (engine == null) throw new IllegalArgumentException("a Condition over a " + lockType + " that lives in a "
                + "Manager or a cluster: use Manager.condition(), or make it with that cluster's context as the default");
            this.managed = engine.condition(lock);
            this.backend = managed;
        }
    }

    /** A condition living in a manager server, over its own RLock there (see {@link Manager#condition()}). */
    Condition(Backends.OfCondition managed) {
        this.managed = managed;
        this.backend = managed;
    }

    /** A shared-memory condition arriving in a child in the codec's own form. */
    private Condition(LocalCondition local) {
        this.managed = null;
        this.backend = local;
    }

    static {
        // passed to a child in its target, a condition skips Java serialization (see Portable)
        Portable.define(Portable.CONDITION, Condition.class, new Portable.Form() {
            @Override public Object read(Object[] f) {
                return new Condition(new LocalCondition((LockCore) f[0], (String) f[1], (ConditionCore) f[2]));
            }

            @Override public Portable replace(Object value) {
                return ((Condition) value).backend instanceof LocalCondition l
                    ? Portable.of(Portable.CONDITION, l.lock(), l.lockType(), l.core()) : null;
            }
        });
    }

    /** One wait on either backend; the predicate loops below serve both. */
    private boolean awaitNanos(long nanos) {
        return backend.await(nanos);
    }

    /** Acquires the underlying lock (blocking). */
    public void acquire() {
        backend.acquire(Waits.FOREVER);
    }

    /** Acquires the underlying lock within {@code timeout}; false if it could not. */
    public boolean acquire(Duration timeout) {
        return backend.acquire(Waits.nanos(timeout));
    }

    /** Releases the underlying lock; this thread must hold it (else IllegalMonitorStateException). */
    public void release() {
        backend.release();
    }

    /** Acquires the underlying lock and returns a handle whose close() releases it. */
    public Lock.Held hold() {
        acquire();
        return Holds.of(this::release);
    }

    /** Waits for a signal. Interrupt: CancellationException, with the lock held again. */
    public void await() {
        awaitNanos(Waits.FOREVER);
    }

    /** Waits for a signal at most {@code timeout}; false on timeout. The lock is held again on return. */
    public boolean await(Duration timeout) {
        return awaitNanos(Waits.nanos(timeout));
    }

    /** Python's {@code wait_for}: waits until {@code predicate} is true; returns its last value. */
    public boolean awaitUntil(BooleanSupplier predicate) {
        boolean result = predicate.getAsBoolean();
        while (!result) {
            awaitNanos(Waits.FOREVER);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Python's {@code wait_for} with a timeout: returns the predicate's last value. */
    public boolean awaitUntil(BooleanSupplier predicate, Duration timeout) {
        long deadline = Waits.deadline(Waits.nanos(timeout));
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = Waits.left(deadline);
            if (left <= 0) break;
            awaitNanos(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Wakes one waiter. */
    public void signal() {
        backend.signal(1);
    }

    /** Wakes at most {@code n} waiters; negative n: IllegalArgumentException. */
    public void signal(int n) {
        backend.signal(n);
    }

    /** Wakes every waiter. */
    public void signalAll() {
        backend.signal(Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return backend.describe();
    }
}
