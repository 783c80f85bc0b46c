package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.messaging.QueueCore;
import dev.mp4j.internal.messaging.Handles;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Queue}: a FIFO for any number of producers and consumers, in any processes
 * and threads, with nothing lost or duplicated.
 *
 * <pre>{@code
 * var q = new Queue<Integer>();
 * var p = new Process(() -> { for (int i = 0; i < 10; i++) q.put(i); });
 * p.start();
 * for (int i = 0; i < 10; i++) System.out.println(q.get());
 * p.join();
 * }</pre>
 *
 * <p>Items live in shared memory; {@link #put} writes the item there before it returns (there is no feeder
 * thread), so an item whose {@code put} returned before another {@code put} began is got first, and
 * {@link #qsize()} counts it at once. A value that cannot be serialized fails {@code put} with
 * {@link IllegalArgumentException} naming its class; nothing is sent. A producer or consumer that dies (kill -9
 * included) never blocks or corrupts the queue: an item is delivered exactly once if its {@code put} finished
 * writing it, and never if it did not.
 *
 * <p>Bounded queues ({@code maxsize > 0}) count items. Items live in a ring of 1 GiB of address space per queue
 * (system property {@code mp4j.queue.bufferBytes}), of which memory is taken only as items need it; an item may
 * be as large as the ring. To reuse warm pages, a busy ring starts over at its beginning once its consumers are
 * a quarter into it; so an "unbounded" queue takes at least 256 MiB (up to the whole ring) of items that nobody
 * gets before a {@code put} waits for consumers as a bounded queue does. (Python's feeder thread buffers without
 * limit, but its pipe holds only 64 KiB, which is why Python warns against joining a producer before draining.)
 *
 * <p>Blocking calls take {@link Duration} timeouts (zero or negative: do not block) and throw
 * {@link java.util.concurrent.CancellationException} if interrupted. {@link QueueShutDownException} is checked
 * before {@link QueueFullException} and {@link QueueEmptyException}. Passed to another process (captured by a
 * lambda, say) a queue is the same queue; within one process it is the same instance.
 */
public class Queue<T> implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final transient QueueCore core;
    /** Set instead of {@code core} for a queue living in a {@link Manager} or a cluster (then {@code core} is null). */
    final Backends.OfQueue managed;
    /** What every operation delegates to: {@code core} here, or {@code managed} elsewhere (local queues travel as a QueueWire). */
    private final Backends.OfQueue backend;
    private transient volatile boolean closed;

    /** An unbounded queue. */
    public Queue() { this(0); }

    /** A queue of at most {@code maxsize} items; {@code maxsize <= 0}: unbounded, as in Python. */
    public Queue(int maxsize) {
        this(maxsize, false);
    }

    Queue(int maxsize, boolean joinable) {
        var engine = Context.defaultEngine();
        this.core = engine == null ? QueueCore.create(maxsize) : null;
        this.managed = engine == null ? null : engine.queue(maxsize, joinable);
        this.backend = engine == null ? core : managed;
        if (core != null) Handles.register(core.id(), this);
    }

    Queue(QueueCore core) {
        this.core = core;
        this.managed = null;
        this.backend = core;
        Handles.register(core.id(), this);
    }

    /** A queue living in a manager server or a cluster (see {@link Manager#queue()}). */
    Queue(Backends.OfQueue managed) {
        this.core = null;
        this.managed = managed;
        this.backend = managed;
    }

    /** Puts {@code item}, waiting as long as the queue is full. */
    public void put(T item) { putNanos(item, Waits.FOREVER); }

    /** Puts {@code item}, waiting up to {@code timeout} for room; then {@link QueueFullException}. */
    public void put(T item, Duration timeout) { putNanos(item, Waits.nanos(timeout)); }

    /** Puts {@code item} if there is room now, else {@link QueueFullException}. */
    public void putNowait(T item) { putNanos(item, 0); }

    /** Takes the next item, waiting as long as the queue is empty. */
    public T get() { return getNanos(Waits.FOREVER); }

    /** Takes the next item, waiting up to {@code timeout}; then {@link QueueEmptyException}. */
    public T get(Duration timeout) { return getNanos(Waits.nanos(timeout)); }

    /** Takes the next item if there is one now, else {@link QueueEmptyException}. */
    public T getNowait() { return getNanos(0); }

    void putNanos(T item, long nanos) {
        checkOpen();
        backend.put(item, nanos);
    }

    @SuppressWarnings("unchecked")
    T getNanos(long nanos) {
        checkOpen();
        return (T) backend.get(nanos);
    }

    /** Items in the queue now. */
    public int qsize() { return backend.qsize(); }

    public boolean isEmpty() { return backend.isEmpty(); }

    /** Whether a bounded queue holds {@code maxsize} items. */
    public boolean isFull() { return backend.isFull(); }

    /**
     * This process will put and get no more (then {@link IllegalStateException}); other processes are not
     * affected. Repeatable.
     */
    public void close() { closed = true; }

    /**
     * Python's {@code join_thread}: waits for this process's buffered items to be flushed. Puts write straight
     * into shared memory, so there is never anything to wait for. As in Python, only after {@link #close()}.
     */
    public void joinThread() {
        if (!closed) throw new IllegalStateException("joinThread() before close()");
    }

    /** Python's {@code cancel_join_thread}: nothing to cancel, as puts are never buffered in the process. */
    public void cancelJoinThread() { }

    /** Python 3.13's {@code shutdown()}: as {@code shutdown(false)}. */
    public void shutdown() { shutdown(false); }

    /**
     * Python 3.13's {@code shutdown(immediate)}, for every process: later puts throw
     * {@link QueueShutDownException}, and so do gets once the queue is empty; blocked callers wake up and throw.
     * With {@code immediate}, the items still queued are dropped (each counting as a finished task of a
     * {@link JoinableQueue}) and gets throw at once.
     */
    public void shutdown(boolean immediate) {
        backend.shutdown(immediate);
    }

    Backends.OfQueue backend() { return backend; }

    void checkOpen() {
        if (closed) throw new IllegalStateException(getClass().getSimpleName() + " closed in this process");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + backend.describe() + (closed ? ", closed here" : "") + ")";
    }

    @Serial
    Object writeReplace() {
        if (managed != null) return this; // travels as its backend, which calls the manager from anywhere
        return new Handles.QueueWire(core, this instanceof JoinableQueue ? 1 : 0);
    }

    static {
        // a local queue captured by a process's target or a pool task skips Java serialization (see Portable)
        var replacer = new dev.mp4j.internal.codec.Portable.Replacer() {
            @Override public dev.mp4j.internal.codec.Portable replace(Object value) {
                return ((Queue<?>) value).writeReplace() instanceof Handles.QueueWire w ? w : null;
            }
        };
        dev.mp4j.internal.codec.Portable.replaceWith(Queue.class, replacer);
        dev.mp4j.internal.codec.Portable.replaceWith(JoinableQueue.class, replacer);
    }
}
