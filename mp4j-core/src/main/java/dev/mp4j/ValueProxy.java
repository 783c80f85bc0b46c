package dev.mp4j;

/**
 * Python's {@code Manager().Value(typecode, value)} ({@code ValueProxy}): one value of any serializable type
 * living in a {@link Manager}; {@code value.value} is {@link #get()}, {@code value.value = x} is {@link #set}.
 * Each call is one round trip. Serializable: passed to another process it is the same value. Unlike
 * {@link Value}, it has no lock; guard read-modify-write sequences with a manager {@link Lock}.
 */
public interface ValueProxy<T> {
    T get();

    void set(T value);
}
