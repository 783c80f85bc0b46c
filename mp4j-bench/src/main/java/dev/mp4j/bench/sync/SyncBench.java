package dev.mp4j.bench.sync;

import dev.mp4j.Barrier;
import dev.mp4j.Lock;
import dev.mp4j.Process;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.Value;
import dev.mp4j.internal.shm.Futex;
import java.time.Duration;
import java.util.Arrays;

/**
 * Synchronization benchmarks, the workloads of py_baseline.py: uncontended Lock acquire+release, Value += 1 under
 * its lock from 2 processes, and the wake-up latency of a waiter blocked in another process. Prints
 * {@code name value unit} lines on stderr (stdout stays free for the children's output, as in every mp4j JVM).
 * Run with and without {@code --enable-native-access=ALL-UNNAMED} to compare the futex path and the portable one.
 */
public final class SyncBench {
    private SyncBench() {}

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        System.err.println("# futex fast path: " + Futex.isNative());
        if (which.equals("all") || which.equals("lock")) lockUncontended();
        if (which.equals("all") || which.equals("value")) valueIncrements();
        if (which.equals("all") || which.equals("wake")) wakeLatency();
    }

    static void report(String name, double value, String unit) {
        System.err.printf("%s %.1f %s%n", name, value, unit);
    }

    /** Uncontended Lock acquire+release, ns per pair (best of 7 rounds of 10 M), for SideBySide. */
    public static double lockUncontendedNs() {
        Lock lock = new Lock();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 10_000_000; i++) {
                lock.acquire();
                lock.release();
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e7);
        }
        return best;
    }

    /** Best of 7 rounds of 10 M acquire+release pairs (after warm-up), as Python's lock_uncontended. */
    static void lockUncontended() {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 7; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 10_000_000; i++) {
                lock.acquire();
                lock.release();
            }
            best[0] = Math.min(best[0], (System.nanoTime() - t) / 1e7);
            t = System.nanoTime();
            for (int i = 0; i < 10_000_000; i++) {
                rlock.acquire();
                rlock.release();
            }
            best[1] = Math.min(best[1], (System.nanoTime() - t) / 1e7);
        }
        report("lock_uncontended_pair", best[0], "ns");
        report("rlock_uncontended_pair", best[1], "ns");
    }

    /** Two child processes, each {@code n} times {@code with v.get_lock(): v.value += 1}: 3 rounds. */
    static void valueIncrements() {
        for (int round = 0; round < 3; round++) {
            report("value_locked_incr_2procs", valueIncrementsPerSecond() / 1e6, "M ops/s");
        }
    }

    /** Locked increments per second by 2 processes, timed from their common start to the later end. */
    public static double valueIncrementsPerSecond() {
        int n = 5_000_000;
        {
            Value.OfInt v = Value.ofInt(0);
            Barrier start = new Barrier(3);
            Value.OfLong endNanos = Value.ofLong(0, false);
            Process[] ps = new Process[2];
            for (int k = 0; k < 2; k++) {
                ps[k] = new Process(() -> {
                    RLock lock = v.getLock();
                    start.await();
                    for (int i = 0; i < n; i++) {
                        lock.acquire();
                        v.set(v.get() + 1);
                        lock.release();
                    }
                    // Both children run on this machine's clock: the later end is the end of the run.
                    long now = System.nanoTime();
                    long prev;
                    do {
                        prev = endNanos.get();
                    } while (now > prev && !endNanos.compareAndSet(prev, now));
                });
                ps[k].start();
            }
            start.await();
            long t0 = System.nanoTime();
            for (Process p : ps) p.join();
            if (v.get() != 2 * n) throw new AssertionError("lost updates: " + v.get());
            double secs = (endNanos.get() - t0) / 1e9;
            return 2 * n / secs;
        }
    }

    /**
     * A child blocks in {@code Semaphore.acquire()}; once it has surely gone to sleep (200 us later) this process
     * notes the time and releases; the child notes when it woke. Both clocks are the machine's monotonic clock.
     */
    static void wakeLatency() {
        long[] l = wakeLatencies(2000);
        report("wakeup_latency_median", l[l.length / 2] / 1e3, "us");
        report("wakeup_latency_p90", l[l.length * 9 / 10] / 1e3, "us");
    }

    /** Median wake-up latency in microseconds (Python's: mp4j-bench/py/sync_wake_latency.py), for SideBySide. */
    public static double wakeLatencyMedianMicros() {
        long[] l = wakeLatencies(2000);
        return l[l.length / 2] / 1e3;
    }

    /** The sorted latencies of {@code n} wake-ups, in ns. */
    static long[] wakeLatencies(int n) {
        Semaphore ping = new Semaphore(0), pong = new Semaphore(0);
        Value.OfLong releasedAt = Value.ofLong(0, false);
        dev.mp4j.SharedArray.OfLong latency = dev.mp4j.SharedArray.ofLongs(n);
        int warm = 20_000; // un-timed round trips first, so both sides run compiled code
        Process child = new Process(() -> {
            for (int i = -warm; i < n; i++) {
                ping.acquire();
                if (i >= 0) latency.set(i, System.nanoTime() - releasedAt.get());
                pong.release();
            }
        });
        child.start();
        for (int i = -warm; i < n; i++) {
            if (i >= 0) java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            releasedAt.set(System.nanoTime());
            ping.release();
            pong.acquire();
        }
        child.join(Duration.ofSeconds(30));
        long[] l = latency.toArray();
        Arrays.sort(l);
        return l;
    }
}
