package dev.mp4j.programs;

import dev.mp4j.Pool;

import java.util.List;

/** main returns with a pool still open and a long task running: the JVM ends, and the workers with it. */
public final class UnclosedPool {
    public static void main(String[] args) {
        var pool = new Pool(2);
        System.out.println(pool.map(x -> x * 2, List.of(1, 2, 3)));
        pool.applyAsync(() -> { Thread.sleep(60_000); return 0; });
        for (var w : pool.workers()) System.out.println("worker pid " + w.pid());
        System.out.println("main done");
    }
}
