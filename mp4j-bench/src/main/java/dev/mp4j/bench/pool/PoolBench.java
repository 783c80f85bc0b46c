package dev.mp4j.bench.pool;

import dev.mp4j.bench.Python;

import dev.mp4j.Pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The Pool figures of issue 5 beside py_baseline.py's ({@code pool_map}, {@code pool_map_chunk1},
 * {@code pool_apply_rtt}, {@code pi_speedup}), same workloads, medians of several runs.
 * {@code java --enable-native-access=ALL-UNNAMED -cp mp4j-core/target/classes:mp4j-bench/target/classes
 * dev.mp4j.bench.pool.PoolBench [--python] [reps]}; {@code --python} then runs py_baseline.py's four figures in the
 * same session. Both sides are warmed first (a long-running program's steady state). pi_speedup is also measured
 * with 100M points, where Java's serial run is long enough (~1 s) for the ratio to mean something.
 */
public final class PoolBench {
    private PoolBench() {}

    static int noop(int x) { return x; }

    static int square(int x) { return x * x; }

    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    /** Python's pool_map: map(square, range(200 000)) with the default chunksize on Pool(2); tasks/s. */
    public static double poolMap(Pool pool, int n) {
        List<Integer> in = range(n);
        long t0 = System.nanoTime();
        List<Integer> r = pool.map(PoolBench::square, in);
        double dt = (System.nanoTime() - t0) / 1e9;
        if (r.get(n - 1) != (n - 1) * (n - 1)) throw new AssertionError("wrong result");
        return n / dt;
    }

    /** Python's pool_map_chunk1: map(square, range(20 000), chunksize=1); tasks/s. */
    public static double poolMapChunk1(Pool pool, int n) {
        List<Integer> in = range(n);
        long t0 = System.nanoTime();
        List<Integer> r = pool.map(PoolBench::square, in, 1);
        double dt = (System.nanoTime() - t0) / 1e9;
        if (r.get(n - 1) != (n - 1) * (n - 1)) throw new AssertionError("wrong result");
        return n / dt;
    }

    /** Python's pool_apply_rtt: apply(noop, (i,)) back to back; microseconds per call. */
    public static double applyRtt(Pool pool, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int x = i;
            if (pool.apply(() -> noop(x)) != x) throw new AssertionError("wrong result");
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    static long piPart(long n) {
        var random = new SplittableRandom();
        long c = 0;
        for (long i = 0; i < n; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y < 1) c++;
        }
        return c;
    }

    /**
     * How many points take this JVM about {@code seconds} serially. Python's pi_speedup uses 4M points, about a
     * second and a half of CPython's time; the same 4M take Java some 15 ms, too little to measure a pool's
     * speed-up by (a round trip to a worker is a sizeable part of it). Comparing speed-ups at the same amount of
     * work in seconds is the like-for-like comparison.
     */
    public static long pointsForSerialSeconds(double seconds) {
        piPart(4_000_000); // compiled first
        long t = System.nanoTime();
        piPart(4_000_000);
        double perPoint = (System.nanoTime() - t) / 1e9 / 4_000_000;
        return Math.max(4_000_000, Math.round(seconds / perPoint / 2) * 2);
    }

    /**
     * Python's pi_speedup: serial time over the time of the same points split over the pool's workers. The serial
     * time is the mean of one run before and one after the parallel run: this host's speed drifts by up to a third
     * within seconds, which a single serial run before would put wholly into the ratio.
     */
    public static double piSpeedup(Pool pool, long n) {
        int k = pool.processes();
        long t0 = System.nanoTime();
        long serial = piPart(n);
        double before = System.nanoTime() - t0;
        List<Long> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) parts.add(n / k);
        t0 = System.nanoTime();
        long parallel = pool.map(PoolBench::piPart, parts).stream().mapToLong(Long::longValue).sum();
        double t2 = System.nanoTime() - t0;
        t0 = System.nanoTime();
        piPart(n);
        double after = System.nanoTime() - t0;
        if (Math.abs(4.0 * serial / n - 4.0 * parallel / n) > 0.01) throw new AssertionError("estimates differ");
        return (before + after) / 2 / t2;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    interface Measure { double run(); }

    static double[] repeat(int reps, Measure m) {
        double[] out = new double[reps];
        for (int i = 0; i < reps; i++) out[i] = m.run();
        return out;
    }

    public static void main(String[] args) throws Exception {
        boolean python = List.of(args).contains("--python");
        int reps = Arrays.stream(args).filter(a -> a.matches("\\d+")).mapToInt(Integer::parseInt).findFirst().orElse(7);
        try (Pool pool = new Pool(2)) {
            pool.map(PoolBench::noop, range(100));
            // warm both sides' JIT on the measured paths, as a long-running program would be
            for (int i = 0; i < 3; i++) { poolMap(pool, 200_000); poolMapChunk1(pool, 20_000); applyRtt(pool, 2_000); }
            pool.map(PoolBench::piPart, List.of(2_000_000L, 2_000_000L));
            piPart(2_000_000L);
            double[] map = repeat(reps, () -> poolMap(pool, 200_000));
            double[] chunk1 = repeat(reps, () -> poolMapChunk1(pool, 20_000));
            double[] rtt = repeat(reps, () -> applyRtt(pool, 2_000));
            double[] pi4m = repeat(reps, () -> piSpeedup(pool, 4_000_000));
            double[] pi100m = repeat(3, () -> piSpeedup(pool, 100_000_000));
            System.out.printf("pool_map (default chunks)   %12.0f tasks/s   runs %s%n", median(map), fmt(map, "%.0f"));
            System.out.printf("pool_map_chunk1             %12.0f tasks/s   runs %s%n", median(chunk1), fmt(chunk1, "%.0f"));
            System.out.printf("pool_apply_rtt              %12.1f us        runs %s%n", median(rtt), fmt(rtt, "%.1f"));
            System.out.printf("pi_speedup (4M points)      %12.2f x         runs %s%n", median(pi4m), fmt(pi4m, "%.2f"));
            System.out.printf("pi_speedup (100M points)    %12.2f x         runs %s%n", median(pi100m), fmt(pi100m, "%.2f"));
        }
        if (python) {
            System.out.println("python: " + Python.text("b.pool_map(), b.pool_map_chunk1(), b.pool_apply_rtt(), b.pi_speedup()"));
        }
    }

    static String fmt(double[] xs, String f) {
        return Arrays.stream(xs).mapToObj(x -> String.format(f, x)).toList().toString();
    }

}
