package dev.mp4j.hazelcast.internal;

import com.hazelcast.map.IMap;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/** A live {@link Map} view of a named IMap; serializable (it reconnects in another JVM). */
public final class ClusterDict<K, V> extends AbstractMap<K, V> implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Conn conn;
    private final String name;

    public ClusterDict(Conn conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    private IMap<K, V> m() {
        return conn.instance().getMap(name);
    }

    @Override public int size() { return m().size(); }
    @Override public boolean isEmpty() { return m().isEmpty(); }
    @Override public boolean containsKey(Object key) { return m().containsKey(key); }
    @Override public boolean containsValue(Object value) { return m().containsValue(value); }
    @Override public V get(Object key) { return m().get(key); }
    @Override public V put(K key, V value) { return m().put(key, value); }
    @Override public V remove(Object key) { return m().remove(key); }
    @Override public void putAll(Map<? extends K, ? extends V> all) { m().putAll(all); }
    @Override public void clear() { m().clear(); }
    @Override public V putIfAbsent(K key, V value) { return m().putIfAbsent(key, value); }
    @Override public boolean remove(Object key, Object value) { return m().remove(key, value); }
    @Override public boolean replace(K key, V oldValue, V newValue) { return m().replace(key, oldValue, newValue); }
    @Override public V replace(K key, V value) { return m().replace(key, value); }

    /** A snapshot of the entries (one round trip); changing it does not change the map. */
    @Override public Set<Entry<K, V>> entrySet() { return m().entrySet(); }

    /** A snapshot of the keys. */
    @Override public Set<K> keySet() { return m().keySet(); }
}
