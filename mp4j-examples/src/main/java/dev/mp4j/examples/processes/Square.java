package dev.mp4j.examples.processes;

import dev.mp4j.Process;

/** Seed 1. A Process prints 5*5. Python: {@code p = Process(target=square, args=(5,)); p.start(); p.join()} */
public final class Square {
    static void square(int x) {
        System.out.println(x * x);
    }

    public static void main(String[] args) {
        var p = new Process(() -> square(5));
        p.start();
        p.join();
    }
}
