package dev.mp4j;

/** A one-argument function, as passed to Python's {@code Pool.map}. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends java.io.Serializable {
    R apply(T t) throws Exception;
}
