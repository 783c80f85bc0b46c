package dev.mp4j.internal.messaging;

import dev.mp4j.QueueEmptyException;
import dev.mp4j.QueueFullException;
import dev.mp4j.QueueShutDownException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import dev.mp4j.internal.sync.Waits;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * The shared state of a Queue, JoinableQueue or SimpleQueue: a {@link Ring} plus a small control block
 * (shutdown state and, for joinable queues, the count of finished tasks). Items are encoded in the caller's
 * thread before anything is written, so a value that cannot be serialized fails at the call and nothing is sent.
 *
 * <p>Task accounting needs no counter of its own: unfinished tasks = items ever put (published atomically with
 * the item, see {@link Ring}) minus {@code taskDone} calls, so a producer that dies can never leave it wrong.
 *
 * <p>Serializable: the segment re-attaches in the receiving process.
 */
public final class QueueCore implements Serializable, Portable, dev.mp4j.internal.backend.Backends.OfQueue {
    @Serial private static final long serialVersionUID = 1L;

    private static final long SHUTDOWN = 0;          // int: 0 open, 1 shut down, 2 shut down immediately
    private static final long DONE = 8;              // long: taskDone calls
    private static final long JOIN_SIGNAL = 64, JOIN_WAITERS = 68;
    private static final long RING = 128;
    /** Virtual size of the data area; pages cost memory only once touched (system property mp4j.queue.bufferBytes). */
    static final long DEFAULT_CAPACITY = Long.highestOneBit(Math.max(4096, Long.getLong("mp4j.queue.bufferBytes", 1L << 30)));

    private final Segment segment;
    private final int maxsize;
    private transient Ring ring;
    private transient MemorySegment mem;
    /** The ring's guards, made once: a method reference evaluated per call is an allocation per put and get. */
    private transient Ring.Guard putGuard, getGuard;

    private QueueCore(Segment segment, int maxsize) {
        this.segment = segment;
        this.maxsize = maxsize;
        attach();
    }

    private void attach() {
        mem = segment.memory();
        // anonymous classes, not method references: a cold child JVM's first lambdas cost it milliseconds
        putGuard = new Ring.Guard() { @Override public void check() { checkShutdown(); } };
        getGuard = new Ring.Guard() { @Override public void check() { checkEmptyShutdown(); } };
    }

    static {
        Portable.register(Portable.QUEUE_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                var core = new QueueCore((Segment) f[0], (Integer) f[1]);
                core.ring = new Ring(core.segment, RING).batchConsumers();
                return core;
            }
        });
    }

    @Override public int portableKind() { return Portable.QUEUE_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, maxsize}; }

    /** A new queue; {@code maxsize <= 0}: unbounded. */
    public static QueueCore create(int maxsize) {
        Segment s = Segment.create(RING + Ring.footprint(DEFAULT_CAPACITY));
        var core = new QueueCore(s, Math.max(0, maxsize));
        core.ring = Ring.create(s, RING, DEFAULT_CAPACITY).batchConsumers();
        return core;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        attach();
        ring = new Ring(segment, RING).batchConsumers();
    }

    /** Same in every process: identifies the queue. */
    public long id() { return segment.id(); }

    public int maxsize() { return maxsize; }

    // ---------------------------------------------------------------- put / get

    /**
     * Puts {@code item}, waiting up to {@code timeoutNanos} for room (0: not at all). Shutdown is checked first.
     * Throws QueueFullException on timeout, QueueShutDownException after shutdown.
     */
    public void put(Object item, long timeoutNanos) {
        checkShutdown();
        Encoded encoded = Codec.scratch();
        Codec.encode(item, encoded);
        if (!ring.put(new EncodedPayload(encoded), maxsize, Waits.deadline(timeoutNanos), putGuard))
            throw new QueueFullException("queue full (maxsize " + maxsize + ")");
    }

    /** Gets the next item, waiting up to {@code timeoutNanos} (0: not at all). */
    public Object get(long timeoutNanos) {
        if (shutdownState() == 2) throw new QueueShutDownException("queue shut down");
        Object taken = ring.take(ItemReader.INSTANCE, Waits.deadline(timeoutNanos), getGuard, ItemReader.TIMED_OUT);
        if (taken == ItemReader.TIMED_OUT) throw new QueueEmptyException("queue empty");
        return ItemReader.finish(taken);
    }

    public int qsize() { return (int) Math.min(Integer.MAX_VALUE, ring.count()); }

    public boolean isEmpty() { return ring.count() == 0; }

    public boolean isFull() { return maxsize > 0 && ring.count() >= maxsize; }

    // ---------------------------------------------------------------- shutdown (Python 3.13)

    /** Python's {@code shutdown(immediate)}: later puts fail; gets fail once empty, at once if immediate (which also drops the items). */
    public void shutdown(boolean immediate) {
        int want = immediate ? 2 : 1;
        while (true) {
            int s = shutdownState();
            if (s >= want || Mem.INT.compareAndSet(mem, SHUTDOWN, s, want)) break;
        }
        ring.wakeAll(); // blocked putters and getters re-check and leave
        if (immediate) {
            long dropped = ring.drain();
            // as Python does: each dropped item counts as a finished task
            for (long i = 0; i < dropped; i++) if (!finishTask()) break;
            wakeJoiners();
        }
    }

    public boolean isShutdown() { return shutdownState() != 0; }

    private int shutdownState() { return (int) Mem.INT.getVolatile(mem, SHUTDOWN); }

    private void checkShutdown() {
        if (shutdownState() != 0) throw new QueueShutDownException("queue shut down");
    }

    private void checkEmptyShutdown() {
        if (shutdownState() != 0 && !ring.readable()) throw new QueueShutDownException("queue shut down");
    }

    // ---------------------------------------------------------------- tasks (JoinableQueue)

    /** Marks one task done; IllegalStateException if every put item is already done. */
    public void taskDone() {
        if (!finishTask()) throw new IllegalStateException("taskDone() called too many times");
        wakeJoiners();
    }

    private boolean finishTask() {
        while (true) {
            long done = (long) Mem.LONG.getVolatile(mem, DONE);
            if (done >= ring.putCount()) return false;
            if (Mem.LONG.compareAndSet(mem, DONE, done, done + 1)) return true;
        }
    }

    private boolean allDone() { return (long) Mem.LONG.getVolatile(mem, DONE) >= ring.putCount(); }

    private void wakeJoiners() {
        if (allDone() && (int) Mem.INT.getVolatile(mem, JOIN_WAITERS) > 0) {
            Mem.INT.getAndAdd(mem, JOIN_SIGNAL, 1);
            Futex.wake(mem, JOIN_SIGNAL, Integer.MAX_VALUE);
        }
    }

    /** Waits until every item put has been marked done. */
    public void join() {
        if (allDone()) return;
        Mem.INT.getAndAdd(mem, JOIN_WAITERS, 1);
        try {
            while (true) {
                int seen = (int) Mem.INT.getVolatile(mem, JOIN_SIGNAL);
                if (allDone()) return;
                Futex.await(mem, JOIN_SIGNAL, seen, Waits.FOREVER);
                Waits.checkInterrupt();
            }
        } finally {
            Mem.INT.getAndAdd(mem, JOIN_WAITERS, -1);
        }
    }

    @Override
    public String describe() { return toString(); }

    @Override
    public String toString() {
        return "size=" + ring.count() + (maxsize > 0 ? ", maxsize=" + maxsize : "") + (isShutdown() ? ", shut down" : "");
    }
}
