package dev.mp4j.bench;

import dev.mp4j.Manager;
import dev.mp4j.Mp;
import dev.mp4j.Pool;
import dev.mp4j.StartMethod;
import dev.mp4j.bench.messaging.MessagingBench;
import dev.mp4j.bench.pool.PoolBench;
import dev.mp4j.bench.sync.SyncBench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/** Every workload of ../shared/bench/py_baseline.py, with its mp4j counterpart and the issues' targets. */
final class Workloads {
    private Workloads() {}

    static List<Workload> all() {
        var w = new ArrayList<Workload>();
        w.add(new Workload("process start+join, SPAWN vs spawn", "ms", true,
            () -> StartJoin.backToBack(StartMethod.SPAWN, 20), "b.start_join('spawn')", 45.0));
        w.add(new Workload("process start+join, WARM (standby ready) vs fork", "ms", true,
            () -> StartJoin.withStandbyReady(10), "b.start_join('fork')", 2.0));
        w.add(new Workload("process start+join, WARM back to back vs forkserver", "ms", true,
            () -> StartJoin.backToBack(StartMethod.WARM, 20), "b.start_join('forkserver')", null));
        w.add(new Workload("idle child RSS", "MB", true, StartJoin::idleChildRssMb, "b.idle_child_rss()", 48.0));
        w.add(new Workload("Queue small items, 1 producer process", "msg/s", false,
            () -> warmed(() -> MessagingBench.queueThroughput(2_000_000)[0]), "b.queue_tput()", 5e6));
        w.add(new Workload("Queue 1 MiB items", "MB/s", false,
            () -> warmed(() -> MessagingBench.queueBytes(2000, 1 << 20)[0]), "b.queue_bytes()", 4000.0));
        w.add(new Workload("Pipe round trip", "us", true,
            () -> MessagingBench.pipeRoundTrip(200_000), "b.pipe_rtt()", 5.0));
        w.add(new Workload("Lock acquire+release, uncontended", "ns", true,
            SyncBench::lockUncontendedNs, "b.lock_uncontended()", 20.0));
        w.add(new Workload("Value += 1 under its lock, 2 processes", "ops/s", false,
            SyncBench::valueIncrementsPerSecond, "b.value_lock()", 10e6));
        w.add(new Workload("wake-up of a waiter in another process (median)", "us", true,
            SyncBench::wakeLatencyMedianMicros, "__import__('sync_wake_latency').wake_latency()", null));
        w.add(new Workload("Pool.map trivial, default chunks, 2 workers", "tasks/s", false,
            () -> onPool(2, pool -> PoolBench.poolMap(pool, 200_000)), "b.pool_map()", 12e6));
        w.add(new Workload("Pool.map chunksize=1, 2 workers", "tasks/s", false,
            () -> onPool(2, pool -> PoolBench.poolMapChunk1(pool, 20_000)), "b.pool_map_chunk1()", 300e3));
        // Passes of 20 k calls, not Python's 2 k: both JVMs' JIT takes some 25 k calls to settle, and passes of 2 k
        // could agree on a plateau half-way through it (~50 us a call) and end the warm-up there.
        w.add(new Workload("Pool.apply round trip", "us", true,
            () -> onPool(2, pool -> PoolBench.applyRtt(pool, 20_000)), "b.pool_apply_rtt()", 15.0));
        w.add(new Workload("Monte-Carlo pi speed-up, 2 workers, ~1 s of serial work (Python: 4M points)", "x", false,
            () -> onPool(2, pool -> PoolBench.piSpeedup(pool, PoolBench.pointsForSerialSeconds(1.0))),
            "(lambda r: r[0] / r[1])(b.pi_speedup())", 0.95 * Math.min(2, Mp.cpuCount())));
        w.add(new Workload("Manager dict set round trip", "ops/s", false,
            () -> managerDictSet(20_000), "b.manager_dict()", 150e3));
        w.add(new Workload("Manager dict set, fresh manager, first 20k calls (JIT warm-up included)", "ops/s", false,
            () -> managerDictSetCold(20_000), "b.manager_dict()", null));
        return w;
    }

    /**
     * A fresh Pool, as Python's figures use, warmed by untimed passes of the measured call: at least
     * {@value #MIN_WARM_UP_PASSES}, then until two passes in a row agree within 10 % (at most
     * {@value #MAX_WARM_UP_PASSES} in all): a pool in a long-running program is past its workers' JIT warm-up, which
     * takes a trivial map about ten passes here, and two early passes can agree on a plateau half-way through it.
     * Then {@value #TIMED_PASSES} timed passes, of which the median counts: this host's speed drifts by up to a third
     * within seconds, and one pass carries all of that.
     */
    static double onPool(int processes, ToDoubleFunction<Pool> measure) {
        try (Pool pool = new Pool(processes)) {
            pool.map(x -> x, IntStream.range(0, 100).boxed().toList());
            return warmed(() -> measure.applyAsDouble(pool));
        }
    }

    /**
     * The median of {@value #TIMED_PASSES} passes of {@code measure} after the untimed warm-up passes described at
     * {@link #onPool}. The queue figures use it too: each pass starts a fresh producer process (its start-up and JIT
     * warm-up are timed, as Python's are), while the consumer, this JVM, is past its JIT warm-up, as in a program
     * that has run for a while: cold, its first pass ran at 2/3 of the speed of its later ones (3.1-3.2 M msg/s
     * against 4.4-5.1 M, 2.1-3.0 GB/s against 3.7-4.7).
     */
    static double warmed(java.util.function.DoubleSupplier measure) {
        double last = measure.getAsDouble();
        for (int i = 1; i < MAX_WARM_UP_PASSES; i++) {
            double next = measure.getAsDouble();
            boolean steady = Math.abs(next - last) <= 0.1 * Math.max(Math.abs(next), Math.abs(last));
            last = next;
            if (steady && i + 1 >= MIN_WARM_UP_PASSES) break;
        }
        double[] timed = new double[TIMED_PASSES];
        for (int i = 0; i < timed.length; i++) timed[i] = measure.getAsDouble();
        java.util.Arrays.sort(timed);
        return timed[timed.length / 2];
    }

    static final int MIN_WARM_UP_PASSES = 5, MAX_WARM_UP_PASSES = 15, TIMED_PASSES = 3;

    /**
     * Python's manager_dict: d[i] = i through a manager's dict proxy, {@code n} calls timed, on a fresh manager
     * warmed as the pools are (untimed passes of {@code n} calls until two in a row agree within 10 %): both JVMs'
     * JIT takes some 30-40 k calls to reach its steady state here, since on 2 cores the compiler threads share the
     * CPU with the two busy ends of the call.
     */
    static double managerDictSet(int n) {
        try (Manager m = Manager.start()) {
            Map<Integer, Integer> d = m.dict();
            double last = dictPass(d, n);
            for (int i = 1; i < MAX_WARM_UP_PASSES; i++) {
                double next = dictPass(d, n);
                boolean steady = Math.abs(next - last) <= 0.1 * Math.max(next, last);
                last = next;
                if (steady && i + 1 >= MIN_WARM_UP_PASSES) break;
            }
            return dictPass(d, n);
        }
    }

    /** The same as Python measures it: the first {@code n} calls on a fresh manager, JIT warm-up and all. */
    static double managerDictSetCold(int n) {
        try (Manager m = Manager.start()) {
            return dictPass(m.dict(), n);
        }
    }

    private static double dictPass(Map<Integer, Integer> d, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) d.put(i, i);
        return n / ((System.nanoTime() - t) / 1e9);
    }

    /** Speed-up at 1, 2, 4, ... workers up to the cores available: Monte-Carlo pi and a trivial Pool.map. */
    static List<Report.Point> scaling() {
        var points = new ArrayList<Report.Point>();
        double mapOne = 0;
        for (int k = 1; k <= Mp.cpuCount(); k *= 2) {
            int workers = k;
            points.add(new Report.Point("Monte-Carlo pi, ~2 s of serial work (vs serial)", k,
                onPool(workers, pool -> PoolBench.piSpeedup(pool, PoolBench.pointsForSerialSeconds(2.0)))));
            double map = onPool(workers, pool -> PoolBench.poolMap(pool, 400_000));
            if (k == 1) mapOne = map;
            points.add(new Report.Point("Pool.map trivial, 400k tasks (vs 1 worker)", k, map / mapOne));
        }
        return points;
    }
}
