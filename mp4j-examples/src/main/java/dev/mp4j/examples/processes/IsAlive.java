package dev.mp4j.examples.processes;

import dev.mp4j.Process;

/** Seed 18. A process is alive before it is joined and not after. */
public final class IsAlive {
    public static void main(String[] args) {
        var p = new Process(() -> Thread.sleep(500));
        p.start();
        System.out.println("alive before join: " + p.isAlive());
        p.join();
        System.out.println("alive after join: " + p.isAlive());
    }
}
