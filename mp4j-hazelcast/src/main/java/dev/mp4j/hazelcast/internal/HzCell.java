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

    @Override public Object get() { return m().get(key); }

    @Override public void set(Object value) { m().set(key, value); }

    @Override public Object getAndSet(Object value) { return m().put(key, value); }

    @Override public boolean compareAndSet(Object expected, Object value) { return m().replace(key, expected, value); }

    @Override public Object getAndAdd(Object delta) { return m().executeOnKey(key, new Add(delta)); }

    @Override public String toString() { return String.valueOf(get()); }
}
