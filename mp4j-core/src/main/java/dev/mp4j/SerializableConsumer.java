package dev.mp4j;

/** A consumer of one value. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableConsumer<T> extends java.io.Serializable {
    void accept(T t) throws Exception;
}
