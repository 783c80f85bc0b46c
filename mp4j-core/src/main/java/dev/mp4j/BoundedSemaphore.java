package dev.mp4j;

import java.io.Serial;

/**
 * Python's {@code multiprocessing.BoundedSemaphore}: a {@link Semaphore} that refuses to be released above its
 * initial value ({@link IllegalStateException}, the count unchanged). The check is exact across processes.
 */
public class BoundedSemaphore extends Semaphore {
    @Serial private static final long serialVersionUID = 1L;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /** A bounded semaphore with {@code value} permits, which is also its bound; negative: IllegalArgumentException. */
    public BoundedSemaphore(int value) {
        super(value, true);
    }

    /** A bounded semaphore living in a manager server (see {@link Manager#boundedSemaphore(int)}). */
    BoundedSemaphore(dev.mp4j.internal.backend.Backends.OfSemaphore managed) {
        super(managed);
    }
}
