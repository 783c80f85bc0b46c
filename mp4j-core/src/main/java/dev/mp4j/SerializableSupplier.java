package dev.mp4j;

/** A factory, as registered with Python's {@code BaseManager.register}. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableSupplier<T> extends java.io.Serializable {
    T get() throws Exception;
}
