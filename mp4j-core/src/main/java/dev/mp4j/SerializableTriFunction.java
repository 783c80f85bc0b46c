package dev.mp4j;

/** A three-argument function, as passed to Python's {@code Pool.starmap}. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableTriFunction<A, B, C, R> extends java.io.Serializable {
    R apply(A a, B b, C c) throws Exception;
}
