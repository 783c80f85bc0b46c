package dev.mp4j.examples.pools;

import dev.mp4j.Pool;
import dev.mp4j.SerializableCallable;

import java.util.List;

/**
 * Seed 24. Functions as data: {@code functools.partial(inc, 4)}, {@code partial(dec, 2)} and
 * {@code partial(add, 3, 4)} are serializable lambdas here, and the pool maps a "call it" function over them.
 */
public final class MultipleFunctions {
    static int inc(int x) { return x + 1; }

    static int dec(int x) { return x - 1; }

    static int add(int x, int y) { return x + y; }

    static int smap(SerializableCallable<Integer> f) throws Exception {
        return f.call();
    }

    public static void main(String[] args) {
        SerializableCallable<Integer> fInc = () -> inc(4);
        SerializableCallable<Integer> fDec = () -> dec(2);
        SerializableCallable<Integer> fAdd = () -> add(3, 4);
        try (var pool = new Pool()) {
            List<Integer> res = pool.map(MultipleFunctions::smap, List.of(fInc, fDec, fAdd));
            System.out.println(res);
        }
    }
}
