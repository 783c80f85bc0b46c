package dev.mp4j.hazelcast.internal;

import com.hazelcast.map.IMap;
import dev.mp4j.internal.backend.Backends;

import java.io.Serial;
import java.util.Map;

/** A Value on the cluster: one entry of the map {@value #VALUES}; the atomics are single map operations. */
public final class HzCell extends Handle implements Backends.OfCell {
    @Serial private static final long serialVersionUID = 1L;
    static final String VALUES = "mp4j.values";

    private final String map;

    HzCell(Conn conn, String key, String map) {
        super(conn, key);
        this.map = map;
    }

    private IMap<String, Object> m() {
        return site().hz.getMap(map);
    }

    record Add(Object delta) implements Handle.Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            Object v = e.getValue();
            Object next = switch (v) {
                case Integer i -> i + (Integer) delta;
                case Long l -> l + (Long) delta;
                case Double d -> d + (Double) delta;
                default -> throw new IllegalStateException("not a number: " + v);
            };
            e.setValue(next);
            return v;
        }
    }

    private <R> R call(java.util.function.Supplier<R> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw conn.translate(e);
        }
    }

    @Override public Object get() { return call(() -> m().get(key)); }

    @Override public void set(Object value) { call(() -> { m().set(key, value); return null; }); }

    @Override public Object getAndSet(Object value) { return call(() -> m().put(key, value)); }

    @Override public boolean compareAndSet(Object expected, Object value) { return call(() -> m().replace(key, expected, value)); }

    @Override public Object getAndAdd(Object delta) { return call(() -> m().executeOnKey(key, new Add(delta))); }

    @Override public String toString() { return String.valueOf(get()); }
}
