package dev.mp4j.examples.pools;

import dev.mp4j.Pool;

import java.util.List;

/**
 * Seed 22. {@code Pool().map(square, [2, 4, 6, 8])}, each square taking 2 s: with a worker per input (4 cores or
 * more) the whole map takes about 2 s, not 8; on fewer cores, 2 s per round of workers.
 */
public final class WorkerPool {
    static int square(int x) throws InterruptedException {
        Thread.sleep(2000);
        return x * x;
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (var pool = new Pool()) {
            List<Integer> result = pool.map(WorkerPool::square, List.of(2, 4, 6, 8));
            System.out.println(result);
        }
        System.out.printf("took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
