package dev.mp4j;

/** A two-argument function, as passed to Python's {@code Pool.starmap}. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends java.io.Serializable {
    R apply(A a, B b) throws Exception;
}
