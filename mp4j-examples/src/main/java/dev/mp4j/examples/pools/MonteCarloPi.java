package dev.mp4j.examples.pools;

import dev.mp4j.Mp;
import dev.mp4j.Pool;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 31. Monte-Carlo π: 100 000 000 random points (or as many as the argument says) in the unit square,
 * counted serially, then split into {@code cpu_count} parts mapped over a Pool; each estimate with its time.
 * The pool's time includes starting its workers, as Python's does; here they are JVMs (a few tenths of a
 * second each) where Python forks, so the speed-up shows with enough points.
 */
public final class MonteCarloPi {
    static long monteCarloPiPart(long n) {
        var random = ThreadLocalRandom.current();
        long count = 0;
        for (long i = 0; i < n; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y <= 1) count++;
        }
        return count;
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;

        long start = System.nanoTime();
        long count = monteCarloPiPart(n);
        System.out.printf("Serially: pi is about %.6f (%.2f s)%n", 4.0 * count / n, (System.nanoTime() - start) / 1e9);

        int np = Mp.cpuCount();
        System.out.println("You have " + np + " CPUs");
        start = System.nanoTime();
        List<Long> partCount = Collections.nCopies(np, n / np);
        try (var pool = new Pool(np)) {
            List<Long> counts = pool.map(MonteCarloPi::monteCarloPiPart, partCount);
            long total = counts.stream().mapToLong(Long::longValue).sum();
            System.out.printf("With a Pool: pi is about %.6f (%.2f s)%n", 4.0 * total / (n / np * np),
                (System.nanoTime() - start) / 1e9);
        }
    }
}
