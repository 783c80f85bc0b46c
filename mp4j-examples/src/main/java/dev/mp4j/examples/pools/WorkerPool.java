package dev.mp4j.examples.pools;

import dev.mp4j.Pool;

import java.util.List;

/**
 * Seed 22. {@code Pool().map(square, [2, 4, 6, 8])}, each square taking 2 s: with a worker per input (4 cores or
 * more) the whole map takes about 2 s, not 8; on fewer cores, 2 s per round of workers. The argument, if any,
 * replaces the 2 s (in milliseconds).
 */
public final class WorkerPool {
    static int square(int x, long sleepMillis) throws InterruptedException {
        Thread.sleep(sleepMillis);
        return x * x;
    }

    public static void main(String[] args) {
        long sleepMillis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        long start = System.nanoTime();
        try (var pool = new Pool()) {
            List<Integer> result = pool.map(x -> square(x, sleepMillis), List.of(2, 4, 6, 8));
            System.out.println(result);
        }
        System.out.printf("took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
