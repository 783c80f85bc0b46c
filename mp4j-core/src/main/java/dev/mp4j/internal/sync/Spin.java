package dev.mp4j.internal.sync;

/**
 * How a thread that waits for another thread or process busy-waits before it sleeps: a pipe's reader, a pool
 * worker waiting for its next task, a pool's caller waiting for a result.
 *
 * <p>Sleeping is dear here: a sleeping process takes tens of microseconds to wake on a virtual machine, more than a
 * whole pool round trip. But spinning only pays while the peer runs on a core of its own. On two cores a pool has
 * more threads that wait than there are cores (the caller, a reader per worker, the workers), and a spinner that
 * holds the core its peer needs stalls them both until the scheduler preempts it, milliseconds later: a map with
 * chunksize 1 ran at 130 k tasks/s in most runs and 2.6 M in a few, and one apply in a hundred took 230 us. So a
 * waiter spins only {@link #PURE_NANOS}, then spins yielding its core to any thread that is ready to run, up to
 * {@link #BUSY_NANOS} in all, then sleeps until woken. With nothing else to run, a yield returns at once and costs
 * about half a microsecond. The pure spin covers a round trip's turn (an apply's worker waits a few microseconds for
 * the next task): two threads that yield to each other at every turn tend to stay on one core, taking turns through
 * context switches, and an apply took 10-17 us instead of 4-7.
 */
public final class Spin {
    private Spin() {}

    /** How long a waiter spins without yielding. System property mp4j.pureSpinNanos. */
    public static final long PURE_NANOS = Long.getLong("mp4j.pureSpinNanos", 20_000);
    /** How long a waiter busy-waits in all (spinning, then yielding) before it sleeps. System property mp4j.spinNanos. */
    public static final long BUSY_NANOS = Long.getLong("mp4j.spinNanos", 200_000);

    /**
     * One pause of a busy wait that began at {@code start} (a {@link System#nanoTime()}): a spin hint while under
     * {@code pureNanos}, a yield after that. Returns false once {@code busyNanos} have passed: the caller should sleep.
     */
    public static boolean pause(long start, long pureNanos, long busyNanos) {
        long spent = System.nanoTime() - start;
        if (spent >= busyNanos) return false;
        if (spent < pureNanos) Thread.onSpinWait();
        else Thread.yield();
        return true;
    }
}
