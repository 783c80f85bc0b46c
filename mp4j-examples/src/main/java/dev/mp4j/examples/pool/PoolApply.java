package dev.mp4j.examples.pool;

import dev.mp4j.AsyncResult;
import dev.mp4j.Pool;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Seed 38. Blocking and non-blocking pool calls. Python: {@code pool.apply(f, (4,))}, {@code
 * pool.apply_async(f, (12,)).get(timeout=1)}, {@code pool.map(f, range(10))}, {@code map_async} polled with
 * {@code ready()}.
 */
public final class PoolApply {
    static int f(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        try (Pool pool = new Pool(4)) {
            System.out.println(pool.apply(() -> f(4)));
            System.out.println(pool.applyAsync(() -> f(12)).get(10, java.util.concurrent.TimeUnit.SECONDS));
            List<Integer> xs = IntStream.range(0, 10).boxed().toList();
            System.out.println(pool.map(PoolApply::f, xs));
            AsyncResult<List<Integer>> result = pool.mapAsync(PoolApply::f, xs);
            while (!result.ready()) {
                System.out.println("waiting...");
                result.waitReady(Duration.ofMillis(100));
            }
            System.out.println(result.get());
        }
    }
}
