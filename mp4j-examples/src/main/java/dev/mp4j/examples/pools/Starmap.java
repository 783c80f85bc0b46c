package dev.mp4j.examples.pools;

import dev.mp4j.Args;
import dev.mp4j.Pool;

import java.util.List;

/** Seed 23. {@code pool.starmap(power, ((2, 2), (4, 3), (5, 5)))}: several arguments per call, as {@code Args} tuples. */
public final class Starmap {
    static int power(int x, int n) {
        return (int) Math.pow(x, n);
    }

    public static void main(String[] args) {
        var values = List.of(Args.of(2, 2), Args.of(4, 3), Args.of(5, 5));
        try (var pool = new Pool()) {
            List<Integer> res = pool.starmap(Starmap::power, values);
            System.out.println(res);
        }
    }
}
