package dev.mp4j.examples.shared;

import dev.mp4j.Mp;
import dev.mp4j.Process;
import dev.mp4j.Value;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 32. Stochastic π: {@code cpu_count} processes throw random points at the unit square and add each hit
 * into one shared {@code Value('d')} under {@code get_lock()}. Correct, and slow: every hit takes the lock (the
 * pool version, seed 31, adds up private counts instead). The number of points is the first argument
 * (default 1 000 000).
 */
public final class SharedValuePi {
    static void countHits(long n, Value.OfDouble hits) {
        var random = ThreadLocalRandom.current();
        for (long i = 0; i < n; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y <= 1) {
                try (var held = hits.getLock().hold()) {
                    hits.set(hits.get() + 1);
                }
            }
        }
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int nprocs = Mp.cpuCount();
        var hits = Value.ofDouble(0);
        long start = System.nanoTime();
        var procs = new ArrayList<Process>();
        for (int i = 0; i < nprocs; i++) {
            long share = n / nprocs + (i < n % nprocs ? 1 : 0);
            procs.add(new Process(() -> countHits(share, hits)));
        }
        procs.forEach(Process::start);
        procs.forEach(Process::join);
        System.out.println("Estimated value of pi: " + 4 * hits.get() / n);
        System.out.printf("took %.2f s%n", (System.nanoTime() - start) / 1e9);
    }
}
