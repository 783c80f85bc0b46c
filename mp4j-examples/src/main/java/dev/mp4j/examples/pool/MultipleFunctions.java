package dev.mp4j.examples.pool;

import dev.mp4j.Pool;
import dev.mp4j.SerializableCallable;

import java.util.List;

/**
 * Seed 24. Functions as data: map a "call it" function over partials.
 * Python: {@code p.map(smap, [partial(inc, 4), partial(dec, 2), partial(add, 3, 4)])} → {@code [5, 1, 7]}.
 */
public final class MultipleFunctions {
    static int inc(int x) { return x + 1; }
    static int dec(int x) { return x - 1; }
    static int add(int x, int y) { return x + y; }

    static int smap(SerializableCallable<Integer> f) throws Exception {
        return f.call();
    }

    public static void main(String[] args) {
        List<SerializableCallable<Integer>> partials = List.of(() -> inc(4), () -> dec(2), () -> add(3, 4));
        try (Pool pool = new Pool()) {
            System.out.println(pool.map(MultipleFunctions::smap, partials));
        }
    }
}
