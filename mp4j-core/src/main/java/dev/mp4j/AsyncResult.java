package dev.mp4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Python's {@code AsyncResult} ({@code apply_async}, {@code map_async}): a {@link Future} with Python's
 * {@code ready()}, {@code successful()} and {@code wait(timeout)}. {@code get()} wraps the task's exception in
 * {@link java.util.concurrent.ExecutionException} (cause: the task's own exception, with the child's stack trace);
 * past its time {@code get(long, TimeUnit)} throws {@link java.util.concurrent.TimeoutException}.
 */
public interface AsyncResult<R> extends Future<R> {
    /** Python's {@code ready()}: whether the result (or its failure or cancellation) is in. */
    boolean ready();

    /** Python's {@code successful()}: whether it completed without an exception; not ready: IllegalStateException. */
    boolean successful();

    /** Python's {@code wait(timeout)}: waits at most {@code timeout} for {@link #ready()}; returns it. */
    boolean waitReady(Duration timeout);

    /** A CompletableFuture completed with this result (or exceptionally with the task's exception). */
    CompletableFuture<R> toCompletableFuture();
}
