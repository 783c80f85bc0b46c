package dev.mp4j.examples.shared;

import dev.mp4j.Process;
import dev.mp4j.SharedArray;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Seed 35. A child squares a shared {@code Array('i', range(10))} in place; the parent sees the squares.
 * Python: {@code for i in range(len(a)): a[i] = a[i] * a[i]}, then {@code print(arr[:])}.
 */
public final class SharedArraySquares {
    static void square(SharedArray.OfInt a) {
        for (int i = 0; i < a.length(); i++) a.set(i, a.get(i) * a.get(i));
    }

    public static void main(String[] args) {
        var arr = SharedArray.ofInts(IntStream.range(0, 10).toArray());
        var p = new Process(() -> square(arr));
        p.start();
        p.join();
        System.out.println(Arrays.toString(arr.toArray()));
    }
}
