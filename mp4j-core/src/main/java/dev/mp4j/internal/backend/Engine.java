package dev.mp4j.internal.backend;

import dev.mp4j.SerializableRunnable;

import java.io.Serializable;

/**
 * Where a context's objects live when they do not live in this machine's shared memory: a cluster. A
 * {@link dev.mp4j.Context} with an engine makes the public constructors ({@code new Lock()}, {@code new Queue<>()},
 * {@code Value.ofInt(..)}, {@code new Pool()}) build their objects through it. Serializable: a context or handle
 * passed to another JVM carries its engine, which reconnects there.
 */
public interface Engine extends Serializable {
    Backends.OfLock lock(boolean reentrant);

    Backends.OfSemaphore semaphore(int value, boolean bounded);

    Backends.OfQueue queue(int maxsize, boolean joinable);

    /** A condition over {@code lock} (a lock of this engine), or over a new re-entrant lock of its own when null. */
    Backends.OfCondition condition(Backends.OfLock lock);

    Backends.OfEvent event();

    /** The action runs in the last arriving party, as for a local barrier. */
    Backends.OfBarrier barrier(int parties, SerializableRunnable action);

    Backends.OfCell cell(Object initial);

    /** Workers for a pool of {@code processes} parallel tasks. */
    Backends.OfWorkers workers(int processes);

    /** The default pool size on this engine (Python's {@code Pool()} on one machine is the cpu count). */
    int defaultProcesses();

    /** Describes the engine (for Context.toString). */
    String describe();
}
