package dev.mp4j.internal.manager;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * A managed list as a live {@link java.util.List}: every call is one round trip. {@code iterator()},
 * {@code equals}, {@code hashCode} and {@code toString} work on one copy fetched in a single round trip (the
 * iterator's {@code remove} writes through); {@code listIterator()} and {@code subList} are live, element by element.
 */
public final class ListProxy<E> extends AbstractList<E> implements RandomAccess, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;

    ListProxy(ProxyRef ref) { this.stub = new Stub(ref); }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, Object... args) { return (T) stub.call(method, args); }

    @Override public E get(int index) { return call("get", index); }
    @Override public E set(int index, E element) { return call("set", index, element); }
    @Override public boolean add(E element) { return this.<Boolean>call("add", element); }
    @Override public void add(int index, E element) { call("insert", index, element); }
    @Override public E remove(int index) { return call("removeAt", index); }
    @Override public boolean remove(Object o) { return this.<Boolean>call("remove", o); }
    @Override public int size() { return this.<Integer>call("size"); }
    @Override public boolean isEmpty() { return size() == 0; }
    @Override public int indexOf(Object o) { return this.<Integer>call("indexOf", o); }
    @Override public int lastIndexOf(Object o) { return this.<Integer>call("lastIndexOf", o); }
    @Override public boolean contains(Object o) { return this.<Boolean>call("contains", o); }
    @Override public void clear() { call("clear"); }
    @Override public boolean addAll(Collection<? extends E> c) { return this.<Boolean>call("addAll", new ArrayList<>(c)); }
    @Override public boolean addAll(int index, Collection<? extends E> c) { return this.<Boolean>call("insertAll", index, new ArrayList<>(c)); }
    @Override protected void removeRange(int from, int to) { call("removeRange", from, to); }
    @Override public Object[] toArray() { return copy().toArray(); }
    @Override public <T> T[] toArray(T[] a) { return copy().toArray(a); }

    /** Streams and bulk traversals read one copy (one round trip), as {@link #iterator()} does. */
    @Override public java.util.Spliterator<E> spliterator() { return copy().spliterator(); }

    /** A copy of the whole list, taken in one call. */
    public List<E> copy() { return call("copy"); }

    @Override
    public Iterator<E> iterator() {
        List<E> snapshot = copy();
        return new Iterator<>() {
            private int next, removed;
            private boolean canRemove;

            @Override public boolean hasNext() { return next < snapshot.size(); }

            @Override
            public E next() {
                if (!hasNext()) throw new NoSuchElementException();
                canRemove = true;
                return snapshot.get(next++);
            }

            @Override
            public void remove() {
                if (!canRemove) throw new IllegalStateException();
                canRemove = false;
                ListProxy.this.remove(next - 1 - removed++);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (o instanceof ListProxy<?> l && l.stub.equals(stub)) return true;
        return o instanceof List<?> l && copy().equals(l instanceof ListProxy<?> p ? p.copy() : l);
    }

    @Override public int hashCode() { return copy().hashCode(); }

    @Override public String toString() { return copy().toString(); }
}
