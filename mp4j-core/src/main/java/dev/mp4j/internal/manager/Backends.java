package dev.mp4j.internal.manager;

import java.io.Serializable;

/**
 * What a public synchronization or queue class delegates to when its object lives in a manager server rather
 * than in shared memory (the seam: a package-private constructor of {@code dev.mp4j.Lock}, {@code RLock},
 * {@code Queue}, {@code JoinableQueue} taking one of these). Timeouts are nanoseconds,
 * {@link dev.mp4j.internal.transport.Waits#FOREVER} for none. Serializable: a handle passed to another process
 * carries its backend, which calls the same server object from there.
 */
public final class Backends {
    private Backends() {}

    /** Lock and RLock. */
    public interface OfLock extends Serializable {
        boolean acquire(long timeoutNanos);
        void release();
        boolean isLocked();
        boolean heldByCurrentThread();
        boolean previousOwnerDied();
        String describe(String type);
    }

    /** Queue and JoinableQueue. */
    public interface OfQueue extends Serializable {
        void put(Object item, long timeoutNanos);
        Object get(long timeoutNanos);
        int qsize();
        boolean isEmpty();
        boolean isFull();
        void shutdown(boolean immediate);
        void taskDone();
        void join();
        String describe();
    }
}
