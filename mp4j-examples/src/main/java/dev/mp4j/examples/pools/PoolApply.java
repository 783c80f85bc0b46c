package dev.mp4j.examples.pools;

import dev.mp4j.Pool;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Seed 38. Blocking and non-blocking pool calls: {@code apply(f, (4,))}, {@code apply_async(f, (12,))} with
 * {@code get(timeout=1)}, {@code map}, and {@code map_async} polled with {@code ready()}.
 */
public final class PoolApply {
    static int f(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        try (var pool = new Pool(4)) {
            System.out.println(pool.apply(() -> f(4)));

            var result = pool.applyAsync(() -> f(12));
            System.out.println(result.get(1, TimeUnit.SECONDS));

            List<Integer> inputs = IntStream.range(0, 10).boxed().toList();
            System.out.println(pool.map(PoolApply::f, inputs));

            var async = pool.mapAsync(PoolApply::f, inputs);
            while (!async.ready()) {
                System.out.println("waiting...");
                Thread.sleep(10);
            }
            System.out.println(async.get());
        }
    }
}
