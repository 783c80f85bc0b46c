package dev.mp4j.hazelcast;

import java.util.SplittableRandom;

/** Monte-Carlo pi: how many of SAMPLES points seeded by {@code seed} fall in the unit quarter circle. */
final class MonteCarlo {
    private MonteCarlo() {}

    static final int SAMPLES = 200_000;

    static long inside(long seed) {
        var r = new SplittableRandom(seed);
        long in = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = r.nextDouble(), y = r.nextDouble();
            if (x * x + y * y <= 1) in++;
        }
        return in;
    }
}
