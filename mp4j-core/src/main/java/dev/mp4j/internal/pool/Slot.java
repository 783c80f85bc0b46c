package dev.mp4j.internal.pool;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;

import java.util.ArrayDeque;

/**
 * One worker place of a pool, with the parent-side thread that starts its worker process, reads its results and
 * replaces it when it ends. Each worker has its own pipe: no contention between workers, and a death is charged
 * exactly to the tasks sent down that pipe. Fields other than the thread's own are guarded by the pool's lock.
 *
 * <p>Results are read by whoever holds {@link #reading}: the slot's thread, or a caller of {@code apply} waiting for
 * its own result ({@link Results#attend}). While such a caller reads, the slot's thread sleeps: on two cores a third
 * busy thread (beside the caller and the worker) would take turns with them and add a context switch to each hop.
 */
final class Slot {
    /**
     * How many tasks a worker is sent ahead, by how long its last task took (measured in the worker): tiny tasks
     * many deep, so the worker never waits for the parent; ordinary ones two deep, so the next one is already there;
     * long ones one at a time, so a task never queues behind a long one on a busy worker while another is idle.
     */
    private static final long TINY_TASK_NANOS = 100_000, LONG_TASK_NANOS = 20_000_000;
    private static final int DEPTH = 32;
    private static final int LOW = DEPTH / 2;

    final int number;
    final ArrayDeque<Task> inflight = new ArrayDeque<>();
    Process process;
    Connection<Object> toWorker;    // the parent's end
    Connection<Object> workerEnd;   // the worker's end; the parent keeps a copy to post DIED after the worker's results
    Segment board;                  // the worker writes the id of each task as it starts it: exact blame on death
    boolean ready, stopping;
    long lastJobWithFunction = -1;
    long serviceNanos = Long.MAX_VALUE;
    int quota;                      // tasks this worker may still be sent (maxTasksPerChild)
    Thread thread;
    /** Held while reading the pipe: results are taken, matched to {@link #inflight} and delivered in order. */
    final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();
    int answered;                   // results from the current worker (under reading)
    int attending;                  // apply() callers reading this slot's pipe for their results
    volatile int generation;        // which worker of this slot: a caller never reads a later worker's pipe
    volatile boolean diedRead;      // the current worker's DIED has been read (by a caller, perhaps)
    volatile RuntimeException broken; // a caller found the conversation broken: the slot's thread ends the worker

    Slot(int number) { this.number = number; }

    /** Opens a fresh pipe and board for a new worker. */
    void openPipe() {
        Pipe<Object> pipe = Pipe.open();
        toWorker = pipe.left();
        workerEnd = pipe.right();
        board = Segment.create(64);
    }

    /** The id of the last task the worker started (0: none yet). */
    long lastStarted() {
        return (long) Mem.LONG.getVolatile(board.memory(), 0L);
    }

    /** Worker side: records that task {@code id} starts now. */
    static void started(Segment board, long id) {
        Mem.LONG.setVolatile(board.memory(), 0L, id);
    }

    /** How many more tasks this worker should be sent now. */
    int room() {
        if (!ready || stopping || quota <= 0) return 0;
        int depth = serviceNanos < TINY_TASK_NANOS ? DEPTH : serviceNanos < LONG_TASK_NANOS ? 2 : 1;
        // tiny tasks: top up only once half the pipeline has drained, so they go in batches of DEPTH / 2
        if (depth == DEPTH && inflight.size() > LOW) return 0;
        return Math.min(quota, depth - inflight.size());
    }

    /** Sends the tasks as one message. */
    void send(java.util.List<Task> tasks) {
        boolean[] include = new boolean[tasks.size()];
        long withFunction = lastJobWithFunction;
        for (int i = 0; i < include.length; i++) {
            Task t = tasks.get(i);
            include[i] = t.job().function != null && withFunction != t.job().id;
            if (include[i]) withFunction = t.job().id;
        }
        toWorker.sendBytes(Wire.tasks(tasks, include));
        lastJobWithFunction = withFunction; // only once sent: otherwise the worker never got the function
        inflight.addAll(tasks);
        quota -= tasks.size();
    }

    void stop() {
        stopping = true;
        toWorker.sendBytes(Wire.STOP_MESSAGE);
    }

    /** Forgets the ended worker; its pipe is dropped. */
    void reset() {
        ready = false;
        stopping = false;
        lastJobWithFunction = -1;
        serviceNanos = Long.MAX_VALUE;
        if (toWorker != null) toWorker.close();
        if (workerEnd != null) workerEnd.close();
        toWorker = workerEnd = null;
        board = null;
    }
}
