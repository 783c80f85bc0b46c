package dev.mp4j.internal.transport;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/** The timeout and interrupt conventions of every blocking call: Duration in, nanos inside, CancellationException out. */
public final class Waits {
    /** Stands for "no timeout". */
    public static final long FOREVER = Long.MAX_VALUE;

    private Waits() {}

    /** Nanoseconds of {@code timeout}; zero or negative (or null) means do not block; saturates instead of overflowing. */
    public static long nanos(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) return 0;
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    /** The deadline for a wait of {@code nanos}, or FOREVER. */
    public static long deadline(long nanos) {
        if (nanos == FOREVER) return FOREVER;
        long d = System.nanoTime() + nanos;
        return d == FOREVER ? FOREVER - 1 : d;
    }

    /** Nanoseconds left until {@code deadline} (FOREVER stays FOREVER). */
    public static long left(long deadline) {
        return deadline == FOREVER ? FOREVER : deadline - System.nanoTime();
    }

    /** Throws CancellationException (interrupt flag set again) if the thread was interrupted. */
    public static void checkInterrupt() {
        if (Thread.interrupted()) throw cancelled();
    }

    /** The exception for an interrupted wait; sets the interrupt flag again. */
    public static CancellationException cancelled() {
        Thread.currentThread().interrupt();
        return new CancellationException("interrupted while waiting");
    }
}
