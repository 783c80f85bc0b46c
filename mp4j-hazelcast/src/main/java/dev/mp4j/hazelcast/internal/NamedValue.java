package dev.mp4j.hazelcast.internal;

import dev.mp4j.ValueProxy;

import java.io.Serial;
import java.io.Serializable;

/** A named value of the cluster (HazelcastContext.value): one entry of a map, each call a round trip. */
public record NamedValue<T>(HzCell cell) implements ValueProxy<T>, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    @Override public T get() { return (T) cell.get(); }

    @Override public void set(T value) { cell.set(value); }

    /** Sets {@code value} if the value is {@code expected} now; whether it did. */
    public boolean compareAndSet(T expected, T value) { return cell.compareAndSet(expected, value); }

    @Override public String toString() { return "Value(" + cell.get() + ")"; }
}
