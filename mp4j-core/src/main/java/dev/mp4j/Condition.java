package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.ConditionCore;
import dev.mp4j.internal.sync.Holds;
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

    private final LockCore lock;
    private final String lockType;
    private final ConditionCore core;
    /** Set instead of {@code lock} and {@code core} for a condition living in a {@link Manager}. */
    final Backends.OfCondition managed;

    /** A condition with a new RLock of its own. */
    public Condition() {
        this(new RLock());
    }

    /** A condition over {@code lock}. */
    public Condition(Lock lock) {
        this(lock.core, "Lock");
    }

    /** A condition over {@code lock}. */
    public Condition(RLock lock) {
        this(lock.core, "RLock");
    }

    private Condition(LockCore lock, String lockType) {
        this.lock = lock;
        this.lockType = lockType;
        this.core = ConditionCore.create();
        this.managed = null;
    }

    /** A condition living in a manager server, over its own RLock there (see {@link Manager#condition()}). */
    Condition(Backends.OfCondition managed) {
        this.lock = null;
        this.lockType = "RLock";
        this.core = null;
        this.managed = managed;
    }

    /** One wait on either backend; the predicate loops below serve both. */
    private boolean awaitNanos(long nanos) {
        return managed != null ? managed.await(nanos) : core.await(lock, nanos);
    }

    /** Acquires the underlying lock (blocking). */
    public void acquire() {
        if (managed != null) { managed.acquire(Waits.FOREVER); return; }
        lock.acquire(Waits.FOREVER);
    }

    /** Acquires the underlying lock within {@code timeout}; false if it could not. */
    public boolean acquire(Duration timeout) {
        if (managed != null) return managed.acquire(Waits.nanos(timeout));
        return lock.acquire(Waits.nanos(timeout));
    }

    /** Releases the underlying lock; this thread must hold it (else IllegalMonitorStateException). */
    public void release() {
        if (managed != null) { managed.release(); return; }
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("release of a Condition's lock not held by this thread");
        lock.release();
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
        if (managed != null) { managed.signal(1); return; }
        core.signal(lock, 1);
    }

    /** Wakes at most {@code n} waiters; negative n: IllegalArgumentException. */
    public void signal(int n) {
        if (managed != null) { managed.signal(n); return; }
        core.signal(lock, n);
    }

    /** Wakes every waiter. */
    public void signalAll() {
        if (managed != null) { managed.signal(Integer.MAX_VALUE); return; }
        core.signal(lock, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        if (managed != null) return managed.describe();
        return "Condition(" + lock.describe(lockType) + ")";
    }
}
