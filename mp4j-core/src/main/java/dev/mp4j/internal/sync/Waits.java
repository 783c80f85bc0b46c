package dev.mp4j.internal.sync;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/** Timeouts and interrupts, the same way for every blocking call (API.md "General rules"). */
public final class Waits {
    private Waits() {}

    /** No time limit. */
    public static final long FOREVER = Long.MAX_VALUE;

    /** A Duration as nanoseconds: zero or negative means "do not block" (0); huge ones saturate to FOREVER. */
    public static long nanos(Duration timeout) {
        if (timeout == null) throw new NullPointerException("timeout");
        if (timeout.isNegative() || timeout.isZero()) return 0;
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    /** The deadline for a timeout in nanos (FOREVER stays FOREVER). */
    public static long deadline(long timeoutNanos) {
        if (timeoutNanos == FOREVER) return FOREVER;
        long d = System.nanoTime() + timeoutNanos;
        return d == FOREVER ? FOREVER - 1 : d;
    }

    /** Nanos left before {@code deadline}: FOREVER for none, at most 0 once passed. */
    public static long left(long deadline) {
        return deadline == FOREVER ? FOREVER : deadline - System.nanoTime();
    }

    /** Throws CancellationException, interrupt flag set again, if this thread was interrupted. */
    public static void checkInterrupt() {
        if (Thread.interrupted()) throw cancelled();
    }

    /** The exception for an interrupted blocking call; sets the interrupt flag again. */
    public static CancellationException cancelled() {
        Thread.currentThread().interrupt();
        return new CancellationException("interrupted while waiting");
    }
}
