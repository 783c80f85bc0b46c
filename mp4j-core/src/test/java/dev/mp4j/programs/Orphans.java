package dev.mp4j.programs;

import dev.mp4j.Process;

/** Starts two children, one with a grandchild, prints every pid, then waits to be killed. */
public final class Orphans {
    public static void main(String[] args) throws Exception {
        System.out.println("pid " + ProcessHandle.current().pid());
        var plain = new Process(() -> {
            System.out.println("pid " + ProcessHandle.current().pid());
            Thread.sleep(60_000);
        });
        var withChild = new Process(() -> {
            var grandchild = new Process(() -> {
                System.out.println("pid " + ProcessHandle.current().pid());
                Thread.sleep(60_000);
            });
            grandchild.start();
            System.out.println("pid " + ProcessHandle.current().pid());
            grandchild.join();
        });
        plain.start();
        withChild.start();
        Thread.sleep(60_000);
    }
}
