package dev.mp4j.internal.sync;

import dev.mp4j.internal.backend.Backends;
import java.io.Serial;

/** A shared-memory condition: a {@link ConditionCore} over the {@link LockCore} of a Lock or RLock. */
public record LocalCondition(LockCore lock, String lockType, ConditionCore core) implements Backends.OfCondition {
    @Serial private static final long serialVersionUID = 1L;

    public static LocalCondition over(LockCore lock, String lockType) {
        return new LocalCondition(lock, lockType, ConditionCore.create());
    }

    @Override public boolean acquire(long timeoutNanos) { return lock.acquire(timeoutNanos); }

    @Override public void release() {
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("release of a Condition's lock not held by this thread");
        lock.release();
    }

    @Override public boolean await(long timeoutNanos) { return core.await(lock, timeoutNanos); }

    @Override public void signal(int n) { core.signal(lock, n); }

    @Override public String describe() { return "Condition(" + lock.describe(lockType) + ")"; }
}
