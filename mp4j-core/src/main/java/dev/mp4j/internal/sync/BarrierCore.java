package dev.mp4j.internal.sync;

import dev.mp4j.BarrierBrokenException;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.Serial;

/**
 * A cyclic barrier in shared memory. Arrivals count under a small internal lock; the last arrival runs the action
 * (in its own process) and opens the generation by bumping GEN, the futex word, which the others sleep on. Each
 * generation's outcome (opened or broken) is kept as bit {@code gen % 64} of OUTCOMES, so a slow waiter still
 * learns how its own generation ended after later ones began. BROKEN is sticky until reset().
 */
public final class BarrierCore extends SharedWords implements dev.mp4j.internal.backend.Backends.OfBarrier, Portable {
    @Serial private static final long serialVersionUID = 1L;

    static final long GEN = 0;       // int, futex word: the current generation
    static final long COUNT = 4;     // int, arrivals in the current generation
    static final long BROKEN = 8;    // int, 1 while broken
    static final long OUTCOMES = 16; // long, bit g%64 set: generation g broke
    static final long LOCK = 64;     // LockCore.SIZE bytes

    private final int parties;
    private final SerializableRunnable action;
    private final LockCore lock;

    private BarrierCore(Segment segment, long base, int parties, SerializableRunnable action) {
        super(segment, base);
        this.parties = parties;
        this.action = action;
        this.lock = new LockCore(segment, base + LOCK, false);
    }

    static {
        // the action travels in its own form too when it is a lambda; anything else sends the whole message through
        // Java serialization (the codec's fallback)
        Portable.register(Portable.BARRIER_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                int parties = (Integer) f[2];
                if (parties <= 0) throw new IllegalArgumentException("bad barrier parties " + parties);
                return new BarrierCore(checkedSegment(f[0]), checkedBase(f[1]), parties, (SerializableRunnable) f[3]);
            }
        });
    }

    @Override public int portableKind() { return Portable.BARRIER_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, base, parties, action}; }

    public static BarrierCore create(int parties, SerializableRunnable action) {
        if (parties <= 0) throw new IllegalArgumentException("barrier parties must be > 0, got " + parties);
        Cells.Cell c = Cells.allocate(LOCK + LockCore.SIZE);
        return new BarrierCore(c.segment(), c.offset(), parties, action);
    }

    public int parties() {
        return parties;
    }

    /** Waits for all parties; returns this arrival's index (0 first .. parties-1 last). */
    public int await(long timeoutNanos) {
        lock.reacquire(1);
        int gen, index;
        try {
            if ((int) Mem.INT.get(mem, base + BROKEN) != 0) throw broken();
            gen = (int) Mem.INT.get(mem, base + GEN);
            index = (int) Mem.INT.get(mem, base + COUNT);
            if (index + 1 == parties) {
                if (action != null) {
                    try {
                        action.run();
                    } catch (Throwable t) {
                        breakLocked(gen);
                        throw new BarrierBrokenException("barrier action failed: " + t, t);
                    }
                }
                open(gen, false);
                return index;
            }
            // Plain under the lock: only lock holders touch COUNT.
            Mem.INT.set(mem, base + COUNT, index + 1);
        } finally {
            lock.release();
        }
        long deadline = Waits.deadline(Math.max(timeoutNanos, 0));
        while (true) {
            if ((int) Mem.INT.getVolatile(mem, base + GEN) != gen) return outcome(gen, index);
            long left = Waits.left(deadline);
            boolean interrupted = Thread.interrupted();
            if (left <= 0 || interrupted) {
                boolean brokeIt = false;
                lock.reacquire(1);
                try {
                    if ((int) Mem.INT.get(mem, base + GEN) == gen) {
                        breakLocked(gen);
                        brokeIt = true;
                    }
                } finally {
                    lock.release();
                }
                if (interrupted && brokeIt) throw Waits.cancelled();
                if (brokeIt) throw new BarrierBrokenException("barrier timed out waiting for " + parties + " parties");
                if (interrupted) Thread.currentThread().interrupt(); // keep the flag; the round is over anyway
                return outcome(gen, index); // it ended just before we could break it
            }
            Futex.await(mem, base + GEN, gen, left);
        }
    }

    private int outcome(int gen, int index) {
        long bits = (long) Mem.LONG.getVolatile(mem, base + OUTCOMES);
        if ((bits & (1L << (gen & 63))) != 0) throw broken();
        return index;
    }

    private static BarrierBrokenException broken() {
        return new BarrierBrokenException("barrier is broken");
    }

    /** Ends generation {@code gen} (lock held): records its outcome, then bumps GEN and wakes every sleeper. */
    private void open(int gen, boolean broke) {
        long bits = (long) Mem.LONG.get(mem, base + OUTCOMES);
        long bit = 1L << (gen & 63);
        // Volatile stores: OUTCOMES must be visible before the new GEN a waiter reads without the lock.
        Mem.LONG.setVolatile(mem, base + OUTCOMES, broke ? bits | bit : bits & ~bit);
        Mem.INT.set(mem, base + COUNT, 0);
        Mem.INT.setVolatile(mem, base + GEN, gen + 1);
        Futex.wake(mem, base + GEN, Integer.MAX_VALUE);
    }

    private void breakLocked(int gen) {
        Mem.INT.setVolatile(mem, base + BROKEN, 1);
        open(gen, true);
    }

    /** Breaks it: current and later waiters get BarrierBrokenException until reset(). */
    public void abort() {
        lock.reacquire(1);
        try {
            breakLocked((int) Mem.INT.get(mem, base + GEN));
        } finally {
            lock.release();
        }
    }

    /** Back to the initial state; parties waiting now get BarrierBrokenException. */
    public void reset() {
        lock.reacquire(1);
        try {
            int gen = (int) Mem.INT.get(mem, base + GEN);
            if ((int) Mem.INT.get(mem, base + COUNT) > 0) open(gen, true);
            Mem.INT.setVolatile(mem, base + BROKEN, 0);
        } finally {
            lock.release();
        }
    }

    public int nWaiting() {
        return (int) Mem.INT.getVolatile(mem, base + COUNT);
    }

    public boolean isBroken() {
        return (int) Mem.INT.getVolatile(mem, base + BROKEN) != 0;
    }
}
