package dev.mp4j.hazelcast.internal;

import com.hazelcast.collection.IList;
import dev.mp4j.internal.codec.Codec;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;

/**
 * A live {@link java.util.List} on a named IList. Elements are stored encoded by mp4j's codec, so {@code null}
 * works, an unserializable element fails at the call naming its class, and members never need the elements'
 * classes; {@code contains}, {@code indexOf} and {@code remove(Object)} compare encoded forms. Serializable: it
 * reconnects in another JVM.
 */
public final class ClusterList<E> extends AbstractList<E> implements Serializable, RandomAccess {
    @Serial private static final long serialVersionUID = 1L;

    private final Conn conn;
    private final String name;

    public ClusterList(Conn conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    private IList<byte[]> l() {
        return conn.instance().getList(name);
    }

    @SuppressWarnings("unchecked")
    private static <E> E decode(byte[] b) {
        return (E) Codec.decode(b);
    }

    @Override public E get(int index) { return decode(l().get(index)); }
    @Override public int size() { return l().size(); }
    @Override public E set(int index, E element) { return decode(l().set(index, Codec.encode(element))); }
    @Override public void add(int index, E element) { l().add(index, Codec.encode(element)); }
    @Override public boolean add(E element) { return l().add(Codec.encode(element)); }
    @Override public E remove(int index) { return decode(l().remove(index)); }
    @Override public boolean remove(Object o) { return l().remove(Codec.encode(o)); }
    @Override public boolean contains(Object o) { return l().contains(Codec.encode(o)); }
    @Override public int indexOf(Object o) { return l().indexOf(Codec.encode(o)); }
    @Override public int lastIndexOf(Object o) { return l().lastIndexOf(Codec.encode(o)); }
    @Override public void clear() { l().clear(); }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        var encoded = new ArrayList<byte[]>(c.size());
        for (E e : c) encoded.add(Codec.encode(e)); // all or nothing: every element is checked first
        return l().addAll(encoded);
    }

    /** Iterates over a snapshot (one round trip). */
    @Override public Iterator<E> iterator() { return snapshot().iterator(); }

    @Override public ListIterator<E> listIterator(int index) { return snapshot().listIterator(index); }

    private List<E> snapshot() {
        var out = new ArrayList<E>();
        for (byte[] b : l()) out.add(decode(b));
        return Collections.unmodifiableList(out);
    }
}
