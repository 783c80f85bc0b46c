package dev.mp4j.hazelcast;

import dev.mp4j.Context;
import dev.mp4j.Pool;
import dev.mp4j.Queue;
import dev.mp4j.StartMethod;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Throughput of Pool.map and Queue on a 3-member loopback cluster next to the local figures. Not part of the
 * suite: {@code mvn -o verify -pl mp4j-core,mp4j-hazelcast -Dtest=ClusterThroughputTest -Dmp4j.hazelcast.bench=true}.
 */
@EnabledIfSystemProperty(named = "mp4j.hazelcast.bench", matches = "true")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ClusterThroughputTest {
    static int square(int x) { return x * x; }

    @Test
    void measure() throws Exception {
        try (var cluster = TestCluster.start(3)) {
            var local = Context.of(StartMethod.SPAWN);
            report("Pool.map, 100k ints, default chunks", local, cluster.context(), ctx -> mapItems(ctx, 100_000, 0), "items/s");
            report("Pool.map, 2k ints, chunksize 1", local, cluster.context(), ctx -> mapItems(ctx, 2_000, 1), "tasks/s");
            report("Queue put+get, 1 producer, 1 consumer", local, cluster.context(), ClusterThroughputTest::queue, "items/s");
        }
        Leftovers.assertNone();
    }

    interface Rate { double run(Context ctx) throws Exception; }

    static void report(String what, Context local, Context cluster, Rate rate, String unit) throws Exception {
        rate.run(local); // warm-up
        double l = Math.max(rate.run(local), rate.run(local));
        rate.run(cluster);
        double c = Math.max(rate.run(cluster), rate.run(cluster));
        System.out.printf("%-42s local %,10.0f %s   cluster %,10.0f %s%n", what, l, unit, c, unit);
    }

    static double mapItems(Context ctx, int n, int chunksize) {
        List<Integer> in = IntStream.range(0, n).boxed().toList();
        try (var pool = Pool.builder().context(ctx).processes(ctx.equals(Context.of(StartMethod.SPAWN)) ? 2 : 6).build()) {
            pool.map(ClusterThroughputTest::square, List.of(1, 2, 3));
            long t0 = System.nanoTime();
            var out = chunksize > 0 ? pool.map(ClusterThroughputTest::square, in, chunksize) : pool.map(ClusterThroughputTest::square, in);
            double s = (System.nanoTime() - t0) / 1e9;
            if (out.size() != n) throw new AssertionError();
            return n / s;
        }
    }

    static double queue(Context ctx) throws Exception {
        Context.setDefault(ctx);
        try {
            var q = new Queue<Integer>();
            int n = ctx.equals(Context.of(StartMethod.SPAWN)) ? 100_000 : 3_000;
            long t0 = System.nanoTime();
            var producer = Thread.ofPlatform().start(() -> { for (int i = 0; i < n; i++) q.put(i); });
            long sum = 0;
            for (int i = 0; i < n; i++) sum += q.get();
            producer.join();
            double s = (System.nanoTime() - t0) / 1e9;
            if (sum != (long) n * (n - 1) / 2) throw new AssertionError(sum);
            return n / s;
        } finally {
            Context.setDefault(Context.of(StartMethod.SPAWN));
        }
    }
}
