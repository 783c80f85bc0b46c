package dev.mp4j.hazelcast.internal;

import dev.mp4j.internal.backend.Backends;

import java.io.Serial;
import java.util.Map;

/** Semaphore and BoundedSemaphore on the cluster: the permit count in one state-map entry. No owner, as in Python. */
public final class HzSemaphore extends Handle implements Backends.OfSemaphore {
    @Serial private static final long serialVersionUID = 1L;

    HzSemaphore(Conn conn, String key) {
        super(conn, key);
    }

    /** {@code bound < 0}: unbounded. */
    record State(int value, int bound) implements java.io.Serializable {}

    record Take() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s == null || s.value <= 0) return Boolean.FALSE;
            e.setValue(new State(s.value - 1, s.bound));
            return Boolean.TRUE;
        }
    }

    record Give() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s == null) return Boolean.FALSE;
            if (s.bound >= 0 && s.value >= s.bound) return Boolean.FALSE;
            e.setValue(new State(s.value + 1, s.bound));
            return Boolean.TRUE;
        }
    }

    @Override
    public boolean acquire(long timeoutNanos) {
        return site().until(timeoutNanos, () -> Boolean.TRUE.equals(exec(new Take())) ? Boolean.TRUE : null) != null;
    }

    @Override
    public void release() {
        if (!Boolean.TRUE.equals(exec(new Give()))) throw new IllegalStateException("BoundedSemaphore released too many times");
    }

    @Override
    public int value() {
        return state() instanceof State s ? s.value : 0;
    }

    @Override
    public String describe(String type) {
        return type + "(cluster " + shortId() + ", value=" + value() + ")";
    }
}
