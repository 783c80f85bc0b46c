package dev.mp4j.internal.pool;

import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.sync.Spin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * Reading a pool worker's results: taking each from its pipe, matching it to the task sent first, and handing it to
 * that task's job. Whoever holds the slot's {@link Slot#reading} lock reads: the slot's own thread, or an apply()
 * caller waiting for its result ({@link #attend}).
 */
final class Results {
    private final PoolCore core;

    Results(PoolCore core) { this.core = core; }

    /**
     * The slot's thread: reads the worker's results until its DIED. It sleeps while there is nothing to read (no
     * results due, no worker exit) and while an apply() caller reads them ({@link #attend}); whoever changes that
     * unparks it, and it looks again every {@link #IDLE_CHECK_NANOS} anyway.
     */
    void read(Slot s) {
        while (!s.diedRead) {
            RuntimeException broken = s.broken;
            if (broken != null) throw broken;
            int due = resultsDue(s);
            if (due == CALLER_READS || due == NOTHING_DUE && !s.toWorker.poll()) {
                LockSupport.parkNanos(s, IDLE_CHECK_NANOS);
                continue;
            }
            if (due == DUE && !s.toWorker.poll(IDLE_CHECK)) continue;
            s.reading.lock();
            try {
                while (!s.diedRead && s.toWorker.poll()) {
                    if (!handle(s, s.toWorker.recvBytes())) s.diedRead = true;
                }
            } finally {
                s.reading.unlock();
            }
        }
    }

    private static final int DUE = 0, NOTHING_DUE = 1, CALLER_READS = 2;
    private static final long IDLE_CHECK_NANOS = 20_000_000;
    private static final java.time.Duration IDLE_CHECK = java.time.Duration.ofNanos(IDLE_CHECK_NANOS);

    /** Whether the slot's thread has results to read: some are due (or its worker ended) and no caller reads them. */
    private int resultsDue(Slot s) {
        core.lock.lock();
        try {
            if (s.attending > 0) return CALLER_READS;
            return !s.inflight.isEmpty() || !s.ready ? DUE : NOTHING_DUE;
        } finally {
            core.lock.unlock();
        }
    }

    /** Handles one message from a worker (under {@code s.reading}); false for its DIED. */
    private boolean handle(Slot s, byte[] m) {
        if (m[0] == Wire.DIED) return false;
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        byte kind = b.get();
        long id = b.getLong();
        long nanos = b.getLong();
        Task t;
        core.lock.lock();
        try {
            t = s.inflight.pollFirst();
            s.serviceNanos = nanos;
            core.dispatch();
        } finally {
            core.lock.unlock();
        }
        s.answered++;
        if (t == null || t.id() != id) throw new IllegalStateException("pool worker answered task " + id + ", expected " + (t == null ? "none" : t.id()));
        deliverEncoded(t, kind, b);
        return true;
    }

    /**
     * An apply() caller waits for its result by reading its worker's pipe itself, busy-waiting as long as any waiter
     * does ({@link Spin}), then leaves the reading to the slot's thread. A reply then reaches the caller without a
     * hand-over between threads: on two cores, that hand-over (the slot's thread busy beside the caller and the
     * worker) cost more than the rest of the round trip. Results of other tasks it finds first, it delivers too.
     */
    void attend(CallJob<?> job) {
        Slot s;
        int generation;
        core.lock.lock();
        try {
            s = job.slot;
            generation = job.generation;
            if (s == null) job.attended = false; // still queued (or run remotely): the slot's thread will read it
        } finally {
            core.lock.unlock();
        }
        if (s == null) return;
        try {
            long start = System.nanoTime();
            while (!job.outcome.isDone()) {
                if (s.reading.tryLock()) {
                    try {
                        // a later worker's pipe is not ours to read; this one's ended once its DIED was read
                        if (s.diedRead || s.generation != generation) break;
                        if (s.toWorker.poll()) {
                            if (!handle(s, s.toWorker.recvBytes())) s.diedRead = true;
                            continue;
                        }
                    } catch (RuntimeException e) {
                        s.broken = e; // a broken conversation: the slot's thread ends this worker
                        break;
                    } finally {
                        s.reading.unlock();
                    }
                }
                if (!Spin.pause(start, Spin.PURE_NANOS, Spin.BUSY_NANOS)) break;
            }
        } finally {
            boolean wake;
            core.lock.lock();
            try {
                wake = --s.attending == 0 && (!s.inflight.isEmpty() || !s.ready || s.diedRead || s.broken != null);
            } finally {
                core.lock.unlock();
            }
            if (wake) LockSupport.unpark(s.thread);
        }
    }

    /** Decodes a result message's value (the rest of {@code b}, after its {@code kind}) and hands it to its job. */
    static void deliverEncoded(Task t, byte kind, ByteBuffer b) {
        boolean ok = kind == Wire.OK || kind == Wire.OK_INTS;
        Object value;
        try {
            value = kind == Wire.OK_INTS ? Chunks.unpackInts(b) : Codec.decode(b.slice(), Limits.NONE);
        } catch (RuntimeException | Error e) {
            t.job().failed(t, e);
            return;
        }
        deliver(t, ok, value);
    }

    /** Hands a result to its job; a user callback's or listener's exception must not stop this slot. */
    static void deliver(Task t, boolean ok, Object value) {
        try {
            if (ok) t.job().done(t, value);
            else t.job().failed(t, (Throwable) value);
        } catch (Throwable e) {
            Outcome.report(e);
        }
    }

    static void drainUntilDied(Slot s) {
        s.reading.lock();
        try {
            while (!s.diedRead) {
                try {
                    byte[] m = s.toWorker.recvBytes();
                    if (m.length > 0 && m[0] == Wire.DIED) s.diedRead = true;
                } catch (RuntimeException e) {
                    if (!s.process.isAlive()) return;
                }
            }
        } finally {
            s.reading.unlock();
        }
    }
}
