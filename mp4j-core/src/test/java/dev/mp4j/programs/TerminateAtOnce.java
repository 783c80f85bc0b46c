package dev.mp4j.programs;

import dev.mp4j.Process;

/** Terminates children at once and a little later, during their JVMs' start-up; prints each exit code. */
public final class TerminateAtOnce {
    public static void main(String[] args) throws Exception {
        for (int delayMs : new int[] {0, 5, 10, 15, 20, 25, 30, 35, 40, 50, 70, 100}) {
            var p = new Process(() -> Thread.sleep(60_000));
            p.start();
            if (delayMs > 0) Thread.sleep(delayMs);
            p.terminate();
            p.join();
            System.out.println(p.exitCode());
        }
    }
}
