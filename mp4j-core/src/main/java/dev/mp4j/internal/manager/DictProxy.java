package dev.mp4j.internal.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A managed dict as a live {@link java.util.Map}: every call is one round trip to the server. Bulk reads
 * (iteration, {@code equals}, {@code hashCode}, {@code toString}) work on one consistent copy fetched in a single
 * round trip; an iterator's {@code remove} and an entry's {@code setValue} write through to the server.
 */
public final class DictProxy<K, V> extends AbstractMap<K, V> implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;
    private transient Set<Map.Entry<K, V>> entries;

    DictProxy(ProxyRef ref) { this.stub = new Stub(ref); }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, Object... args) { return (T) stub.call(method, args); }

    @Override public int size() { return this.<Integer>call("size"); }
    @Override public boolean isEmpty() { return size() == 0; }
    @Override public V get(Object key) { return call("get", key); }
    @Override public V getOrDefault(Object key, V fallback) { return call("getOrDefault", key, fallback); }
    @Override public V put(K key, V value) { return call("put", key, value); }
    @Override public V remove(Object key) { return call("remove", key); }
    @Override public boolean remove(Object key, Object value) { return this.<Boolean>call("removeIfEquals", key, value); }
    @Override public boolean containsKey(Object key) { return this.<Boolean>call("containsKey", key); }
    @Override public boolean containsValue(Object value) { return this.<Boolean>call("containsValue", value); }
    @Override public void clear() { call("clear"); }
    @Override public void putAll(Map<? extends K, ? extends V> m) { call("putAll", new LinkedHashMap<>(m)); }
    @Override public V putIfAbsent(K key, V value) { return call("putIfAbsent", key, value); }
    @Override public V replace(K key, V value) { return call("replace", key, value); }
    @Override public boolean replace(K key, V old, V value) { return this.<Boolean>call("replaceIfEquals", key, old, value); }

    /** A copy of the whole dict, taken in one call (Python's {@code dict_proxy.copy()}). */
    public Map<K, V> copy() { return call("copy"); }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> e = entries;
        return e != null ? e : (entries = new Entries());
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (o instanceof DictProxy<?, ?> d && d.stub.equals(stub)) return true;
        return o instanceof Map<?, ?> m && copy().equals(m instanceof DictProxy<?, ?> d ? d.copy() : m);
    }

    @Override public int hashCode() { return copy().hashCode(); }

    @Override public String toString() { return copy().toString(); }

    private final class Entries extends AbstractSet<Map.Entry<K, V>> {
        @Override public int size() { return DictProxy.this.size(); }
        @Override public void clear() { DictProxy.this.clear(); }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            Iterator<Map.Entry<K, V>> snapshot = copy().entrySet().iterator();
            return new Iterator<>() {
                private Map.Entry<K, V> last;

                @Override public boolean hasNext() { return snapshot.hasNext(); }

                @Override
                public Map.Entry<K, V> next() {
                    Map.Entry<K, V> e = snapshot.next();
                    last = e;
                    return new SimpleEntry<>(e) {
                        @Serial private static final long serialVersionUID = 1L;
                        @Override public V setValue(V value) {
                            super.setValue(value);
                            return put(e.getKey(), value);
                        }
                    };
                }

                @Override
                public void remove() {
                    if (last == null) throw new IllegalStateException();
                    DictProxy.this.remove(last.getKey());
                    last = null;
                }
            };
        }
    }
}
