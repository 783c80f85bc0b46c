package dev.mp4j.internal.pool;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.Process;

import java.util.ArrayDeque;

/**
 * One worker place of a pool, with the parent-side thread that starts its worker process, reads its results and
 * replaces it when it ends. Each worker has its own pipe: no contention between workers, and a death is charged
 * exactly to the tasks sent down that pipe. Fields other than the thread's own are guarded by the pool's lock.
 */
final class Slot {
    /**
     * How many tasks a worker is sent ahead, by how long its last task took (measured in the worker): tiny tasks
     * many deep, so the worker never waits for the parent; ordinary ones two deep, so the next one is already there;
     * long ones one at a time, so a task never queues behind a long one on a busy worker while another is idle.
     */
    private static final long TINY_TASK_NANOS = 100_000, LONG_TASK_NANOS = 20_000_000;
    private static final int DEPTH = 8;

    final int number;
    final ArrayDeque<Task> inflight = new ArrayDeque<>();
    Process process;
    Connection<Object> toWorker;    // the parent's end
    Connection<Object> workerEnd;   // the worker's end; the parent keeps a copy to post DIED after the worker's results
    boolean ready, stopping;
    long lastJobWithFunction = -1;
    long serviceNanos = Long.MAX_VALUE;
    int quota;                      // tasks this worker may still be sent (maxTasksPerChild)
    Thread thread;
    int answered;                   // results from the current worker (read by the slot's thread only)

    Slot(int number) { this.number = number; }

    /** Opens a fresh pipe for a new worker. */
    void openPipe() {
        Pipe<Object> pipe = Pipe.open();
        toWorker = pipe.left();
        workerEnd = pipe.right();
    }

    boolean canTake() {
        if (!ready || stopping || quota <= 0) return false;
        int depth = serviceNanos < TINY_TASK_NANOS ? DEPTH : serviceNanos < LONG_TASK_NANOS ? 2 : 1;
        return inflight.size() < depth;
    }

    void send(Task t) {
        boolean withFunction = t.job().function != null && lastJobWithFunction != t.job().id;
        if (withFunction) lastJobWithFunction = t.job().id;
        toWorker.sendBytes(Wire.task(t, withFunction));
        inflight.add(t);
        quota--;
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
    }
}
