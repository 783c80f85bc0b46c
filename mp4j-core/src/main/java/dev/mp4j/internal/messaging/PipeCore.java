package dev.mp4j.internal.messaging;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.ProcessIdentity;
import dev.mp4j.internal.shm.Segment;
import dev.mp4j.internal.shm.ShmDir;
import dev.mp4j.internal.sync.LockCore;
import dev.mp4j.internal.sync.Waits;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * The shared state of a Pipe: one {@link Ring} per direction (ring {@code i} carries messages to end {@code i})
 * and, per end, a table of the processes holding a copy of it. As with Python's file descriptors, an end's
 * reader sees end-of-stream once no live process holds a copy of the other end: each copy has a slot holding its
 * process's pid and start time, removed on close, and ignored once that process has died.
 *
 * <p>A copy in flight to another process (serialized, not yet deserialized) is a pending slot owned by the
 * sending process and claimed by the receiver, so the sender may close its own copy right after starting a
 * child without the peer seeing a premature end-of-stream. A copy that is serialized but never deserialized
 * keeps its end open for as long as the sender lives.
 */
public final class PipeCore implements Serializable, Portable {
    @Serial private static final long serialVersionUID = 1L;

    static final int SLOTS = 64;
    private static final long TABLE_LOCK = 0;            // LockCore
    private static final long TABLES = 64;               // per end: SLOTS x (pid, start, token)
    private static final long SLOT = 24;
    private static final long RINGS = 4096;
    /** Virtual size of each direction's buffer (system property mp4j.pipe.bufferBytes). */
    static final long CAPACITY = Long.highestOneBit(Math.max(4096, Long.getLong("mp4j.pipe.bufferBytes", 256L << 20)));

    private final Segment segment;
    private final boolean duplex;
    private transient MemorySegment mem;
    private transient LockCore tableLock;
    private transient Ring[] rings;

    private PipeCore(Segment segment, boolean duplex) {
        this.segment = segment;
        this.duplex = duplex;
        init();
    }

    /** A new pipe, with both ends held by this process. */
    public static PipeCore create(boolean duplex) {
        Segment s = Segment.create(RINGS + Ring.footprint(CAPACITY) * (duplex ? 2 : 1));
        Ring.create(s, RINGS, CAPACITY);
        if (duplex) Ring.create(s, RINGS + Ring.footprint(CAPACITY), CAPACITY);
        return new PipeCore(s, duplex);
    }

    private void init() {
        mem = segment.memory();
        tableLock = new LockCore(segment, TABLE_LOCK, false);
        rings = new Ring[duplex ? 2 : 1];
        for (int i = 0; i < rings.length; i++) rings[i] = new Ring(segment, RINGS + i * Ring.footprint(CAPACITY));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        init();
    }

    static {
        Portable.register(Portable.PIPE_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) { return new PipeCore((Segment) f[0], (Boolean) f[1]); }
        });
    }

    @Override public int portableKind() { return Portable.PIPE_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, duplex}; }

    public boolean duplex() { return duplex; }

    /** The ring end {@code end} reads (messages to it). */
    Ring inbox(int end) { return rings[duplex ? end : 0]; }

    /** The ring end {@code end} writes (messages to the other end). */
    Ring outbox(int end) { return rings[duplex ? 1 - end : 0]; }

    // ---------------------------------------------------------------- holders

    private long slot(int end, int i) { return TABLES + (end * (long) SLOTS + i) * SLOT; }

    /** Records a copy of {@code end} held by this process (or claims the pending slot {@code token}). */
    void hold(int end, long token) {
        withTable(() -> {
            if (token != 0) {
                for (int i = 0; i < SLOTS; i++) {
                    long at = slot(end, i);
                    if ((long) Mem.LONG.get(mem, at + 16) == token) {
                        write(at, ProcessIdentity.PID, ProcessIdentity.START, 0);
                        return;
                    }
                }
            }
            write(freeSlot(end), ProcessIdentity.PID, ProcessIdentity.START, 0);
        });
    }

    /** Adds a pending copy of {@code end} for a process that will deserialize it; returns its token. */
    long lend(int end) {
        // never 0; the generator is seeded at first use: a child only handed a pipe end (a pool worker, a manager
        // server) never lends one, and seeding costs a cold JVM ~15 ms
        long token = ShmDir.randomLong() | 1;
        withTable(() -> write(freeSlot(end), ProcessIdentity.PID, ProcessIdentity.START, token));
        return token;
    }

    /** Takes back a pending copy that {@link #lend} made but that will never travel (its message was not sent). */
    void unlend(int end, long token) {
        withTable(() -> {
            for (int i = 0; i < SLOTS; i++) {
                long at = slot(end, i);
                if ((long) Mem.LONG.get(mem, at) == ProcessIdentity.PID && (long) Mem.LONG.get(mem, at + 16) == token) {
                    write(at, 0, 0, 0);
                    return;
                }
            }
        });
    }

    /** Drops one copy of {@code end} held by this process. */
    void release(int end) {
        withTable(() -> {
            for (int i = 0; i < SLOTS; i++) {
                long at = slot(end, i);
                if ((long) Mem.LONG.get(mem, at) == ProcessIdentity.PID && (long) Mem.LONG.get(mem, at + 8) == ProcessIdentity.START
                    && (long) Mem.LONG.get(mem, at + 16) == 0) {
                    write(at, 0, 0, 0);
                    return;
                }
            }
        });
        // whoever waits on either direction re-checks: a reader may now be at end-of-stream
        for (Ring r : rings) r.wakeAll();
    }

    /** Whether some live process holds a copy of {@code end} (pending copies count). */
    boolean held(int end) {
        for (int i = 0; i < SLOTS; i++) {
            long at = slot(end, i);
            // volatile reads: slots change under the table lock in other processes; a torn view only delays EOF by a check
            long pid = (long) Mem.LONG.getVolatile(mem, at);
            if (pid == 0) continue;
            if (pid == ProcessIdentity.PID || ProcessIdentity.isAlive(pid, (long) Mem.LONG.getVolatile(mem, at + 8))) return true;
        }
        return false;
    }

    private long freeSlot(int end) {
        for (int i = 0; i < SLOTS; i++) {
            long at = slot(end, i);
            long pid = (long) Mem.LONG.get(mem, at);
            if (pid == 0 || pid != ProcessIdentity.PID && !ProcessIdentity.isAlive(pid, (long) Mem.LONG.get(mem, at + 8))) return at;
        }
        throw new IllegalStateException("more than " + SLOTS + " live copies of one pipe end");
    }

    private void write(long at, long pid, long start, long token) {
        Mem.LONG.setVolatile(mem, at + 8, start);
        Mem.LONG.setVolatile(mem, at + 16, token);
        Mem.LONG.setVolatile(mem, at, pid);
    }

    private void withTable(Runnable action) {
        tableLock.acquire(Waits.FOREVER);
        try {
            action.run();
        } finally {
            tableLock.release();
        }
    }
}
