package dev.mp4j.hazelcast.internal;

import dev.mp4j.internal.backend.Backends;

import java.io.Serial;

/** Event on the cluster: a Boolean in the state map; waiters wake on its change. */
public final class HzEvent extends Handle implements Backends.OfEvent {
    @Serial private static final long serialVersionUID = 1L;

    HzEvent(Conn conn, String key) {
        super(conn, key);
    }

    @Override public void set() { put(Boolean.TRUE); }

    @Override public void clear() { put(Boolean.FALSE); }

    private void put(Boolean flag) {
        try {
            site().sync.set(key, flag);
        } catch (RuntimeException e) {
            throw conn.translate(e);
        }
    }

    @Override public boolean isSet() { return Boolean.TRUE.equals(state()); }

    @Override
    public boolean await(long timeoutNanos) {
        return site().until(timeoutNanos, () -> isSet() ? Boolean.TRUE : null) != null;
    }
}
