package dev.mp4j.hazelcast.internal;

import com.hazelcast.collection.IList;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.RandomAccess;

/** A live {@link java.util.List} view of a named IList; serializable (it reconnects in another JVM). */
public final class ClusterList<E> extends AbstractList<E> implements Serializable, RandomAccess {
    @Serial private static final long serialVersionUID = 1L;

    private final Conn conn;
    private final String name;

    public ClusterList(Conn conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    private IList<E> l() {
        return conn.instance().getList(name);
    }

    @Override public E get(int index) { return l().get(index); }
    @Override public int size() { return l().size(); }
    @Override public E set(int index, E element) { return l().set(index, element); }
    @Override public void add(int index, E element) { l().add(index, element); }
    @Override public boolean add(E element) { return l().add(element); }
    @Override public E remove(int index) { return l().remove(index); }
    @Override public boolean remove(Object o) { return l().remove(o); }
    @Override public boolean addAll(Collection<? extends E> c) { return l().addAll(c); }
    @Override public boolean contains(Object o) { return l().contains(o); }
    @Override public int indexOf(Object o) { return l().indexOf(o); }
    @Override public void clear() { l().clear(); }

    /** Iterates over a snapshot (one round trip). */
    @Override public Iterator<E> iterator() { return snapshot().iterator(); }

    @Override public ListIterator<E> listIterator(int index) { return snapshot().listIterator(index); }

    private java.util.List<E> snapshot() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(l()));
    }
}
