package dev.mp4j.examples.pool;

import dev.mp4j.Mp;
import dev.mp4j.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seed 31. Monte-Carlo π: 100 000 000 random points serially, then split over {@code cpu_count()} Pool tasks.
 * Python: {@code pool.map(count_hits, [n // cpus] * cpus)}.
 */
public final class MonteCarloPi {
    static long countHits(long n) {
        var random = new SplittableRandom();
        long hits = 0;
        for (long i = 0; i < n; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y < 1) hits++;
        }
        return hits;
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        long t0 = System.nanoTime();
        double serial = 4.0 * countHits(n) / n;
        System.out.printf("serial: pi ~ %.6f in %.2f s%n", serial, (System.nanoTime() - t0) / 1e9);
        int cpus = Mp.cpuCount();
        List<Long> parts = new ArrayList<>();
        for (int i = 0; i < cpus; i++) parts.add(n / cpus);
        try (Pool pool = new Pool(cpus)) {
            t0 = System.nanoTime();
            long hits = pool.map(MonteCarloPi::countHits, parts).stream().mapToLong(Long::longValue).sum();
            System.out.printf("Pool(%d): pi ~ %.6f in %.2f s%n", cpus, 4.0 * hits / (n / cpus * cpus), (System.nanoTime() - t0) / 1e9);
        }
    }
}
