package dev.mp4j.examples.pool;

import dev.mp4j.Args;
import dev.mp4j.Pool;

import java.util.List;

/** Seed 23. Python: {@code p.starmap(power, [(2, 2), (4, 3), (5, 5)])} → {@code [4, 64, 3125]}. */
public final class Starmap {
    static long power(int x, int n) {
        return (long) Math.pow(x, n);
    }

    public static void main(String[] args) {
        try (Pool pool = new Pool()) {
            System.out.println(pool.starmap(Starmap::power, List.of(Args.of(2, 2), Args.of(4, 3), Args.of(5, 5))));
        }
    }
}
