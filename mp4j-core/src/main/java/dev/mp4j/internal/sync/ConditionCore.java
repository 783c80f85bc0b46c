package dev.mp4j.internal.sync;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.Serial;

/**
 * A condition variable in shared memory, used with a {@link LockCore}. Waiters count themselves in WAITERS;
 * signal(n) moves up to n of them into TOKENS (wake permits) and bumps SEQ, the futex word. A waiter leaves with a
 * token (signalled) or, on timeout, by taking itself out of WAITERS; if WAITERS is already 0 then every waiter has
 * a token coming, itself included, and it takes that. So signal(n) wakes at most n waiters even with the polling
 * fallback, and no signal is lost. Invariant: WAITERS + TOKENS = threads inside await (a waiter killed inside
 * await leaves one stale count, as in CPython).
 */
public final class ConditionCore extends SharedWords implements Portable {
    @Serial private static final long serialVersionUID = 1L;

    static final long SEQ = 0;     // int, futex word, bumped by every signal
    static final long WAITERS = 4; // int, waiters not yet given a token
    static final long TOKENS = 8;  // int, wake permits not yet taken

    private ConditionCore(Segment segment, long base) {
        super(segment, base);
    }

    static {
        Portable.register(Portable.CONDITION_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) { return new ConditionCore(checkedSegment(f[0]), checkedBase(f[1])); }
        });
    }

    @Override public int portableKind() { return Portable.CONDITION_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, base}; }

    public static ConditionCore create() {
        Cells.Cell c = Cells.allocate(64);
        return new ConditionCore(c.segment(), c.offset());
    }

    /**
     * Releases {@code lock} fully, waits for a signal or the timeout, re-acquires. Returns whether signalled. On
     * interrupt: CancellationException after re-acquiring, unless a signal was already taken (then true, flag set).
     */
    public boolean await(LockCore lock, long timeoutNanos) {
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("await without holding the condition's lock");
        Mem.INT.getAndAdd(mem, base + WAITERS, 1);
        int saved = lock.releaseFully();
        long deadline = Waits.deadline(Math.max(timeoutNanos, 0));
        boolean signalled = false, interrupted = false;
        try {
            while (true) {
                // Read SEQ before TOKENS: a signal adds tokens before bumping SEQ, so we either see its token or
                // our futex wait sees the new SEQ and returns at once.
                int seq = (int) Mem.INT.getVolatile(mem, base + SEQ);
                int t = (int) Mem.INT.getVolatile(mem, base + TOKENS);
                if (t > 0) {
                    if (Mem.INT.compareAndSet(mem, base + TOKENS, t, t - 1)) {
                        signalled = true;
                        break;
                    }
                    continue;
                }
                long left = Waits.left(deadline);
                if (left <= 0 || interrupted) {
                    int w = (int) Mem.INT.getVolatile(mem, base + WAITERS);
                    if (w > 0) {
                        if (Mem.INT.compareAndSet(mem, base + WAITERS, w, w - 1)) break;
                        continue;
                    }
                    Thread.onSpinWait(); // every waiter has a token coming, ours too: take it
                    continue;
                }
                Futex.await(mem, base + SEQ, seq, left);
                if (Thread.interrupted()) interrupted = true;
            }
        } finally {
            lock.reacquire(saved);
        }
        if (interrupted) {
            if (signalled) Thread.currentThread().interrupt();
            else throw Waits.cancelled();
        }
        return signalled;
    }

    /** Wakes up to n waiters (n >= 0); the caller must hold {@code lock}. */
    public void signal(LockCore lock, int n) {
        if (n < 0) throw new IllegalArgumentException("signal count must be >= 0, got " + n);
        if (!lock.heldByCurrentThread()) throw new IllegalMonitorStateException("signal without holding the condition's lock");
        if (n == 0) return;
        while (true) {
            int w = (int) Mem.INT.getVolatile(mem, base + WAITERS);
            if (w == 0) return;
            int k = Math.min(n, w);
            if (Mem.INT.compareAndSet(mem, base + WAITERS, w, w - k)) {
                Mem.INT.getAndAdd(mem, base + TOKENS, k);
                Mem.INT.getAndAdd(mem, base + SEQ, 1);
                Futex.wake(mem, base + SEQ, k);
                return;
            }
        }
    }
}
