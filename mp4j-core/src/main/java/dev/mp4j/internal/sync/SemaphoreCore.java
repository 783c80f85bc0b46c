package dev.mp4j.internal.sync;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.backend.Backends;

import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.Serial;

/**
 * A counting semaphore in shared memory: the count is the futex word; sleepers announce themselves in WAITERS so
 * that release() makes a syscall only when someone sleeps. No owner: permits held by a dead process stay taken.
 */
public final class SemaphoreCore extends SharedWords implements Backends.OfSemaphore, Portable {
    @Serial private static final long serialVersionUID = 1L;

    static final long COUNT = 0;   // int, futex word
    static final long WAITERS = 4; // int
    static final long SIZE = 64;
    private static final int SPINS = 50;

    private final int bound; // -1: unbounded

    private SemaphoreCore(Segment segment, long base, int initial, int bound) {
        super(segment, base);
        this.bound = bound;
        Mem.INT.setVolatile(mem, base + COUNT, initial);
    }

    /** One that arrived in the codec's own form: the count is the shared one, untouched. */
    private SemaphoreCore(Segment segment, long base, int bound) {
        super(segment, base);
        this.bound = bound;
    }

    static {
        Portable.register(Portable.SEMAPHORE_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                int bound = (Integer) f[2];
                if (bound < -1) throw new IllegalArgumentException("bad semaphore bound " + bound);
                return new SemaphoreCore(checkedSegment(f[0]), checkedBase(f[1]), bound);
            }
        });
    }

    @Override public int portableKind() { return Portable.SEMAPHORE_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, base, bound}; }

    public static SemaphoreCore create(int initial, boolean bounded) {
        if (initial < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0, got " + initial);
        Cells.Cell c = Cells.allocate(SIZE);
        return new SemaphoreCore(c.segment(), c.offset(), initial, bounded ? initial : -1);
    }

    private boolean tryTake() {
        int c = (int) Mem.INT.getVolatile(mem, base + COUNT);
        // CAS: decrements only a positive count, atomically against other takers in any process.
        return c > 0 && Mem.INT.compareAndSet(mem, base + COUNT, c, c - 1);
    }

    /** Takes a permit within timeoutNanos (FOREVER, or <= 0 for none); interrupt: CancellationException. */
    public boolean acquire(long timeoutNanos) {
        for (int i = 0; ; i++) {
            int c = (int) Mem.INT.getVolatile(mem, base + COUNT);
            if (c <= 0) break;
            if (Mem.INT.compareAndSet(mem, base + COUNT, c, c - 1)) return true;
            if (i > SPINS) break;
        }
        if (timeoutNanos <= 0) return tryTake();
        long deadline = Waits.deadline(timeoutNanos);
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (tryTake()) return true;
        }
        while (true) {
            if (tryTake()) return true;
            long left = Waits.left(deadline);
            if (left <= 0) return false;
            // Volatile (SC) increment before the futex re-checks the count: release() either sees us or we see its permit.
            Mem.INT.getAndAdd(mem, base + WAITERS, 1);
            try {
                Futex.await(mem, base + COUNT, 0, left);
            } finally {
                Mem.INT.getAndAdd(mem, base + WAITERS, -1);
            }
            if (Thread.interrupted()) throw Waits.cancelled();
        }
    }

    /** Adds a permit; bounded and already at its initial value: IllegalStateException, nothing changed. */
    public void release() {
        if (bound >= 0) {
            while (true) {
                int c = (int) Mem.INT.getVolatile(mem, base + COUNT);
                if (c >= bound) {
                    throw new IllegalStateException("BoundedSemaphore released too many times (value " + c
                        + " is already its initial value " + bound + ")");
                }
                if (Mem.INT.compareAndSet(mem, base + COUNT, c, c + 1)) break;
            }
        } else {
            int c = (int) Mem.INT.getAndAdd(mem, base + COUNT, 1);
            if (c == Integer.MAX_VALUE) {
                Mem.INT.getAndAdd(mem, base + COUNT, -1);
                throw new IllegalStateException("semaphore value would overflow");
            }
        }
        if ((int) Mem.INT.getVolatile(mem, base + WAITERS) > 0) Futex.wake(mem, base + COUNT, 1);
    }

    public int value() {
        return (int) Mem.INT.getVolatile(mem, base + COUNT);
    }

    public int bound() {
        return bound;
    }

    @Override
    public String describe(String type) {
        return type + "(value=" + value() + (bound() >= 0 ? ", maxvalue=" + bound() : "") + ")";
    }
}
