package dev.mp4j.examples.pool;

import dev.mp4j.Pool;

import java.util.List;

/**
 * Seed 22. {@code Pool().map(square, [2, 4, 6, 8])} with a 2 s sleep per item: about 2 s on 4 cores (about 4 s on 2).
 * Python: {@code with Pool() as p: print(p.map(square, [2, 4, 6, 8]))}
 */
public final class WorkerPool {
    static int square(int x, long sleepMillis) throws InterruptedException {
        Thread.sleep(sleepMillis);
        return x * x;
    }

    public static void main(String[] args) {
        long sleepMillis = args.length > 0 ? Long.parseLong(args[0]) : 2_000; // the test passes a shorter sleep
        long t0 = System.nanoTime();
        try (Pool pool = new Pool()) {
            System.out.println(pool.map(x -> square(x, sleepMillis), List.of(2, 4, 6, 8)));
        }
        System.out.printf("took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
