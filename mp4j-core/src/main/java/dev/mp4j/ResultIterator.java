package dev.mp4j;

import java.time.Duration;
import java.util.Iterator;

/**
 * The iterator Python's {@code imap} and {@code imap_unordered} return: results as they arrive, while the input
 * is still being consumed. {@link #next()} blocks; {@link #next(Duration)} is Python's {@code next(timeout)} and
 * throws {@link ResultTimeoutException} past its time. A task's unchecked exception is rethrown as is, a checked
 * one wrapped in {@link RemoteException}; an exception from the input surfaces at its position. Iterable once:
 * {@code for (var r : pool.imap(f, xs))}.
 */
public interface ResultIterator<R> extends Iterator<R>, Iterable<R> {
    /** The next result, waiting at most {@code timeout} for it. */
    R next(Duration timeout);

    @Override
    default Iterator<R> iterator() { return this; }
}
