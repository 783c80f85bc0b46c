package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.List;

/** Seed 17. Three processes sleeping 3, 2 and 1 s, started together and then joined: about 3 s, not 6. */
public final class JoinOrder {
    static void sleeper(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        System.out.println(Process.current().name() + " slept " + seconds + " s");
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        var procs = List.of(new Process(() -> sleeper(3)), new Process(() -> sleeper(2)), new Process(() -> sleeper(1)));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
        System.out.printf("took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
