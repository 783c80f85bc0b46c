package dev.mp4j.hazelcast.examples;

import dev.mp4j.Context;
import dev.mp4j.Pool;
import dev.mp4j.Value;
import dev.mp4j.hazelcast.HazelcastContext;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Monte-Carlo pi, one program for one machine or a cluster. With no arguments it runs on local worker processes;
 * with a cluster name and member addresses it connects to that Hazelcast cluster, makes its context the default,
 * and runs the very same code there (the members need this jar on their class path):
 *
 * <pre>
 * java -cp CP dev.mp4j.hazelcast.examples.MonteCarloPi
 * java -cp CP dev.mp4j.hazelcast.examples.MonteCarloPi demo 127.0.0.1:5701 127.0.0.1:5702
 * </pre>
 *
 * Fixed seeds: both print the same estimate.
 */
public final class MonteCarloPi {
    private MonteCarloPi() {}

    static final int SAMPLES = 1_000_000;
    static final int TASKS = 32;

    /** How many of SAMPLES random points seeded by {@code seed} fall inside the unit quarter circle. */
    static long inside(long seed) {
        return inside(seed, SAMPLES);
    }

    /** How many of {@code samples} random points seeded by {@code seed} fall inside the unit quarter circle. */
    public static long inside(long seed, int samples) {
        var r = new SplittableRandom(seed);
        long in = 0;
        for (int i = 0; i < samples; i++) {
            double x = r.nextDouble(), y = r.nextDouble();
            if (x * x + y * y <= 1) in++;
        }
        return in;
    }

    public static void main(String[] args) {
        HazelcastContext cluster = args.length == 0 ? null : HazelcastContext.connect(args[0], Arrays.copyOfRange(args, 1, args.length));
        try {
            if (cluster != null) Context.setDefault(cluster.context());
            run();
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    /** Plain mp4j from here on: the same on either context. */
    static void run() {
        var tasksDone = Value.ofInt(0);
        List<Long> seeds = LongStream.range(0, TASKS).boxed().toList();
        long in;
        try (var pool = new Pool()) {
            in = pool.map(seed -> {
                long n = inside(seed);
                tasksDone.incrementAndGet();
                return n;
            }, seeds, 1).stream().mapToLong(Long::longValue).sum();
        }
        System.out.printf("pi ~= %.6f (%d points in %d tasks, %d counted)%n", 4.0 * in / ((double) SAMPLES * TASKS),
            (long) SAMPLES * TASKS, TASKS, tasksDone.get());
    }
}
