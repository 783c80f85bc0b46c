package dev.mp4j.internal.manager;

import dev.mp4j.ValueProxy;

import java.io.Serial;
import java.io.Serializable;

/** The client side of a managed value. */
final class ValueHandle<T> implements ValueProxy<T>, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;

    ValueHandle(ProxyRef ref) { this.stub = new Stub(ref); }

    @Override
    @SuppressWarnings("unchecked")
    public T get() { return (T) stub.call("get"); }

    @Override public void set(T value) { stub.call("set", value); }

    @Override public boolean equals(Object o) { return o instanceof ValueHandle<?> v && v.stub.equals(stub); }

    @Override public int hashCode() { return stub.hashCode(); }

    @Override public String toString() { return "ValueProxy(" + get() + ")"; }
}
