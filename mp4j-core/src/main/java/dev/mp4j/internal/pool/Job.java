package dev.mp4j.internal.pool;

import dev.mp4j.internal.codec.Lambdas;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pool call waits for: one or more {@link Task}s whose results it gathers. Methods may be called from any
 * pool thread, never under the pool's lock.
 */
abstract class Job {
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    /** The function applied to each item, encoded once per job; null for a callable. */
    final byte[] function;

    Job(Object function) {
        this.function = function == null ? null : Jobs.checkedFunction(Lambdas.encode(function));
    }

    /** Task {@code t} returned {@code value} (for a chunk: a List, or an int[] if it came packed; see {@link Chunks}). */
    abstract void done(Task t, Object value);

    /** Task {@code t} failed with {@code error} (the task's own exception, or WorkerLostException). */
    abstract void failed(Task t, Throwable error);

    /** Whether the job needs no more results (settled or cancelled): its queued tasks are dropped. */
    abstract boolean finished();

    /** The pool was terminated: pending results are cancelled. */
    abstract void cancel(String why);
}
