package dev.mp4j.internal.sync;

/**
 * How long a waiter on another process spins before it sleeps, learned from how its recent waits ended. Spinning
 * only pays while the peer runs on a core of its own: where every core is busy (2 cores, a worker and its reader
 * and the caller), a spinning waiter holds the core its peer needs, often the very one the peer was woken on, and a
 * sleep costs no more than the spin would have. So a wait that ends while spinning, within its budget, doubles the
 * budget (to at least twice what that wait took), and one that has to sleep, or whose peer only answered after the
 * budget (the spinner was descheduled, which looks like success), halves it, down to {@value #MIN_NANOS} ns and up
 * to the maximum given; every {@value #PROBE_EVERY}th wait spins for the whole maximum, to notice when cores have
 * become free again.
 *
 * <p>Used by one thread at a time in the common case; threads sharing one budget race on it harmlessly (it is a
 * hint: any value between the bounds is a valid budget).
 */
public final class SpinBudget {
    /** The least budget. */
    static final long MIN_NANOS = 1_000;
    /** How often (in waits) a wait spins for the whole maximum. */
    static final int PROBE_EVERY = 64;

    private final long max;
    private long current;
    private int waits;

    /** A budget starting at, and never above, {@code maxNanos} (0: never spin). */
    public SpinBudget(long maxNanos) {
        this.max = Math.max(0, maxNanos);
        this.current = this.max;
    }

    /** The budget for the next wait, in nanoseconds. */
    public long next() {
        return (++waits & PROBE_EVERY - 1) == 0 ? max : current;
    }

    /** The wait given {@code limit} by {@link #next()} saw its peer after {@code took} ns of spinning. */
    public void caught(long took, long limit) {
        if (took > limit) missed();
        else current = Math.min(max, Math.max(2 * current, 2 * took));
    }

    /** The wait's spin ran out: it sleeps. */
    public void missed() {
        current = Math.max(Math.min(MIN_NANOS, max), current / 2);
    }
}
