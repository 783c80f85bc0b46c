package dev.mp4j.internal.backend;

import java.io.Serializable;

/**
 * The backend SPI: what a public synchronization or queue class delegates to. The shared-memory cores of
 * {@code internal.sync} implement these where their object lives in this machine's shared memory, the manager's
 * proxies where it lives in a manager server, a cluster {@link Engine}'s where it lives in a cluster. Every public
 * class delegates through one such backend. Timeouts are nanoseconds,
 * {@link dev.mp4j.internal.sync.Waits#FOREVER} for none. Serializable: a handle passed to another process
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

    /** Semaphore and BoundedSemaphore. */
    public interface OfSemaphore extends Serializable {
        boolean acquire(long timeoutNanos);
        void release();
        int value();
        String describe(String type);
    }

    /** Condition (with its own re-entrant lock, as Python's {@code Manager().Condition()}). */
    public interface OfCondition extends Serializable {
        boolean acquire(long timeoutNanos);
        void release();
        boolean await(long timeoutNanos);
        void signal(int n);
        String describe();
    }

    /** Event. */
    public interface OfEvent extends Serializable {
        void set();
        void clear();
        boolean isSet();
        boolean await(long timeoutNanos);
    }

    /** Barrier. */
    public interface OfBarrier extends Serializable {
        int await(long timeoutNanos);
        void reset();
        void abort();
        int parties();
        int nWaiting();
        boolean isBroken();
    }

    /**
     * One value of any serializable type (Value.ofX on an engine, and the engine's value handles). The arithmetic
     * operations work on Integer, Long and Double contents, keeping the stored type.
     */
    public interface OfCell extends Serializable {
        Object get();
        void set(Object value);
        Object getAndSet(Object value);
        boolean compareAndSet(Object expected, Object value);
        /** Adds {@code delta} (same boxed type as the content) and returns the previous content. */
        Object getAndAdd(Object delta);
    }

    /**
     * Where a pool's tasks run when they do not run in this machine's worker processes. A task is one message in
     * the pool's worker wire format, always carrying its function; {@link dev.mp4j.internal.pool.RemoteTasks#run}
     * runs it wherever it lands and returns the result message.
     */
    public interface OfWorkers {
        /** How many tasks to keep running at once (the pool's {@code processes}). */
        int parallelism();
        /**
         * Runs the task somewhere; {@code done} gets the result message, or a Throwable if the task could not be run
         * or its result not returned (a {@link dev.mp4j.WorkerLostException} for a lost worker). Returns a handle to
         * cancel it.
         */
        java.util.concurrent.Future<?> execute(byte[] task, java.util.function.BiConsumer<byte[], Throwable> done);
        /** No more tasks will come; release what the workers hold. */
        void shutdown();
        /** Describes where tasks run (for toString). */
        String describe();
    }
}
