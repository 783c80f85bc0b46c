package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.messaging.QueueCore;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link Queue} that also counts unfinished tasks. Every
 * {@code put} adds one; {@link #taskDone()} (called by a consumer once it has dealt with an item it got) removes
 * one; {@link #join()} waits until none is left. The count lives with the items in shared memory, so it is right
 * in every process, also after a producer died mid-put.
 */
public class JoinableQueue<T> extends Queue<T> {
    private static final long serialVersionUID = 1L;

    public JoinableQueue() { this(0); }

    public JoinableQueue(int maxsize) { super(maxsize, true); }

    JoinableQueue(QueueCore core) { super(core); }

    /** A queue living in a manager server (see {@link Manager#joinableQueue()}). */
    JoinableQueue(Backends.OfQueue managed) { super(managed); }

    /** Marks one item as dealt with; more calls than items put: {@link IllegalStateException}. */
    public void taskDone() {
        backend().taskDone(); // not a put or get: allowed after close(), as the task was got before
    }

    /** Waits until every item put has been marked done by {@link #taskDone()}. */
    public void join() {
        backend().join();
    }
}
