package dev.mp4j.hazelcast.internal;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Condition on the cluster, over a cluster {@link HzLock}. As the shared-memory one: waiters count themselves in
 * {@code waiters}; signal(n) turns up to n of them into {@code tokens}; a waiter leaves with a token, or on timeout
 * by taking itself out of {@code waiters} (if none is left, a token is coming for it, and it takes that).
 */
public final class HzCondition extends Handle implements Backends.OfCondition {
    @Serial private static final long serialVersionUID = 1L;

    private final HzLock lock;

    HzCondition(Conn conn, String key, HzLock lock) {
        super(conn, key);
        this.lock = lock;
    }

    record State(int waiters, int tokens) implements java.io.Serializable {}

    record Enter() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = e.getValue() instanceof State x ? x : new State(0, 0);
            e.setValue(new State(s.waiters + 1, s.tokens));
            return Boolean.TRUE;
        }
    }

    record TakeToken() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            if (!(e.getValue() instanceof State s) || s.tokens <= 0) return Boolean.FALSE;
            e.setValue(new State(s.waiters, s.tokens - 1));
            return Boolean.TRUE;
        }
    }

    /** Gives up waiting: false if it left unsignalled, true if a token was already due to it (taken now). */
    record Leave() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s.waiters > 0) {
                e.setValue(new State(s.waiters - 1, s.tokens));
                return Boolean.FALSE;
            }
            e.setValue(new State(s.waiters, Math.max(0, s.tokens - 1)));
            return Boolean.TRUE;
        }
    }

    record Signal(int n) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            if (!(e.getValue() instanceof State s) || s.waiters == 0) return 0;
            int k = Math.min(n, s.waiters);
            e.setValue(new State(s.waiters - k, s.tokens + k));
            return k;
        }
    }

    @Override public boolean acquire(long timeoutNanos) { return lock.acquire(timeoutNanos); }

    @Override
    public void release() {
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("release of a Condition's lock not held by this thread");
        lock.release();
    }

    @Override
    public boolean await(long timeoutNanos) {
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("await without holding the condition's lock");
        exec(new Enter());
        int saved = lock.releaseFully();
        boolean signalled;
        CancellationException interrupted = null;
        try {
            signalled = site().until(timeoutNanos, () -> Boolean.TRUE.equals(exec(new TakeToken())) ? Boolean.TRUE : null) != null;
        } catch (CancellationException e) {
            interrupted = e;
            signalled = false;
            Thread.interrupted(); // re-acquire below without being interrupted again; set once more at the end
        }
        if (!signalled) signalled = Boolean.TRUE.equals(exec(new Leave()));
        lock.acquire(Waits.FOREVER, saved);
        if (interrupted != null && !signalled) {
            Thread.currentThread().interrupt();
            throw interrupted;
        }
        if (interrupted != null) Thread.currentThread().interrupt();
        return signalled;
    }

    @Override
    public void signal(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("signal without holding the condition's lock");
        if (n > 0) exec(new Signal(n));
    }

    @Override
    public String describe() {
        return "Condition(" + lock.describe(lock.reentrant ? "RLock" : "Lock") + ")";
    }
}
