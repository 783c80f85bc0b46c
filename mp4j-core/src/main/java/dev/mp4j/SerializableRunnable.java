package dev.mp4j;

/** A task with no result, as Python's {@code target=f}. Serializable, so plain lambdas and method references can be sent to another process without casts. */
@FunctionalInterface
public interface SerializableRunnable extends java.io.Serializable {
    void run() throws Exception;
}
