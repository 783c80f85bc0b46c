package dev.mp4j.internal.sync;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.Serial;

/** A flag in shared memory that waiters sleep on (the futex word); set() wakes them all. */
public final class EventCore extends SharedWords implements dev.mp4j.internal.backend.Backends.OfEvent, Portable {
    @Serial private static final long serialVersionUID = 1L;

    static final long FLAG = 0;    // int, futex word: 0 clear, 1 set
    static final long WAITERS = 4; // int, sleepers, so set() skips the syscall when there are none

    static {
        Portable.register(Portable.EVENT_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) { return new EventCore(checkedSegment(f[0]), checkedBase(f[1])); }
        });
    }

    @Override public int portableKind() { return Portable.EVENT_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, base}; }

    private EventCore(Segment segment, long base) {
        super(segment, base);
    }

    public static EventCore create() {
        Cells.Cell c = Cells.allocate(64);
        return new EventCore(c.segment(), c.offset());
    }

    public void set() {
        // Volatile (SC) store, then read WAITERS: pairs with await's increment-then-check (Dekker).
        Mem.INT.setVolatile(mem, base + FLAG, 1);
        if ((int) Mem.INT.getVolatile(mem, base + WAITERS) > 0) Futex.wake(mem, base + FLAG, Integer.MAX_VALUE);
    }

    public void clear() {
        Mem.INT.setVolatile(mem, base + FLAG, 0);
    }

    public boolean isSet() {
        return (int) Mem.INT.getVolatile(mem, base + FLAG) != 0;
    }

    public boolean await(long timeoutNanos) {
        if (isSet()) return true;
        long deadline = Waits.deadline(Math.max(timeoutNanos, 0));
        while (true) {
            long left = Waits.left(deadline);
            if (left <= 0) return isSet();
            Mem.INT.getAndAdd(mem, base + WAITERS, 1);
            try {
                Futex.await(mem, base + FLAG, 0, left);
            } finally {
                Mem.INT.getAndAdd(mem, base + WAITERS, -1);
            }
            if (isSet()) return true;
            if (Thread.interrupted()) throw Waits.cancelled();
        }
    }
}
