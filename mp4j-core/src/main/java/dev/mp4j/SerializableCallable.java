package dev.mp4j;

import java.util.concurrent.Callable;

/** A task with a result, as passed to Python's {@code Pool.apply}. Serializable, so lambdas need no casts. */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, java.io.Serializable {
}
