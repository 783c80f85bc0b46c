package dev.mp4j.programs;

import dev.mp4j.Process;

/** System.exit in the parent while a child runs: the child is ended with it. */
public final class ExitWithChildren {
    public static void main(String[] args) throws Exception {
        var child = new Process(() -> Thread.sleep(60_000));
        child.start();
        System.out.println("pid " + child.pid());
        Thread.sleep(300);
        System.exit(3);
    }
}
