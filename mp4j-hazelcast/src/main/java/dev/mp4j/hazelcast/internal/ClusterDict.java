package dev.mp4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.mp4j.internal.codec.Codec;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A live {@link Map} on a named IMap that keeps insertion order, as Python's dict does: each entry is stored with
 * the number of its first insertion (from a per-dict counter), and iteration sorts by it; changing the value of a
 * key keeps its place, removing and putting it again moves it to the end. Values are stored encoded by mp4j's
 * codec, so {@code null} values work, an unserializable value fails at {@code put} naming its class, and members
 * never need the values' classes. Keys are stored as they are (Hazelcast serializes them; not null). Serializable:
 * it reconnects in another JVM.
 */
public final class ClusterDict<K, V> extends AbstractMap<K, V> implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    static final String COUNTERS = "mp4j.dict.counters";

    private final Conn conn;
    private final String name;

    public ClusterDict(Conn conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    /** A stored value: its insertion number and its encoded form. */
    record Slot(long seq, byte[] value) implements Serializable {}

    interface Ep<R> extends EntryProcessor<Object, Slot, R> {}

    /** The next insertion number of a dict. */
    record Next() implements EntryProcessor<String, Long, Long> {
        @Override public Long process(Map.Entry<String, Long> e) {
            long n = e.getValue() == null ? 1 : e.getValue() + 1;
            e.setValue(n);
            return n;
        }
    }

    /** Sets the value, keeping the key's place if it has one ({@code onlyIfAbsent}/{@code onlyIfPresent} as named). */
    record Put(byte[] value, long seq, boolean onlyIfAbsent, boolean onlyIfPresent) implements Ep<Slot> {
        @Override public Slot process(Map.Entry<Object, Slot> e) {
            Slot old = e.getValue();
            if (old == null ? onlyIfPresent : onlyIfAbsent) return old;
            e.setValue(new Slot(old == null ? seq : old.seq, value));
            return old;
        }
    }

    /** Replaces or removes the value only if it is {@code expected} (compared encoded). */
    record IfEquals(byte[] expected, byte[] value, boolean remove) implements Ep<Boolean> {
        @Override public Boolean process(Map.Entry<Object, Slot> e) {
            Slot old = e.getValue();
            if (old == null || !Arrays.equals(old.value, expected)) return false;
            e.setValue(remove ? null : new Slot(old.seq, value));
            return true;
        }
    }

    private IMap<Object, Slot> m() {
        return conn.instance().getMap(name);
    }

    private long nextSeq() {
        return conn.instance().<String, Long>getMap(COUNTERS).executeOnKey(name, new Next());
    }

    @SuppressWarnings("unchecked")
    private static <V> V decode(Slot s) {
        return s == null ? null : (V) Codec.decode(s.value);
    }

    @Override public int size() { return m().size(); }
    @Override public boolean isEmpty() { return m().isEmpty(); }
    @Override public boolean containsKey(Object key) { return m().containsKey(key); }
    @Override public V get(Object key) { return decode(m().get(key)); }
    @Override public V remove(Object key) { return decode(m().remove(key)); }
    @Override public void clear() { m().clear(); }

    @Override
    public V put(K key, V value) {
        byte[] v = Codec.encode(value);
        return decode(m().executeOnKey(key, new Put(v, nextSeq(), false, false)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        byte[] v = Codec.encode(value);
        return decode(m().executeOnKey(key, new Put(v, nextSeq(), true, false)));
    }

    @Override
    public V replace(K key, V value) {
        return decode(m().executeOnKey(key, new Put(Codec.encode(value), 0, false, true)));
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return m().executeOnKey(key, new IfEquals(Codec.encode(oldValue), Codec.encode(newValue), false));
    }

    @Override
    public boolean remove(Object key, Object value) {
        return m().executeOnKey(key, new IfEquals(Codec.encode(value), null, true));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> all) {
        for (var e : all.entrySet()) put(e.getKey(), e.getValue());
    }

    /** A snapshot in insertion order (one round trip); changing it does not change the dict. */
    @Override
    public Set<Entry<K, V>> entrySet() {
        var entries = new ArrayList<>(m().entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().seq));
        var out = new LinkedHashMap<K, V>();
        for (var e : entries) {
            @SuppressWarnings("unchecked") K k = (K) e.getKey();
            out.put(k, decode(e.getValue()));
        }
        return Collections.unmodifiableMap(out).entrySet();
    }
}
