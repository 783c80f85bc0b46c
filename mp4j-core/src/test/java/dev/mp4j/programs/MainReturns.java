package dev.mp4j.programs;

import dev.mp4j.Process;

/** main returns while a non-daemon and a daemon child run: the first is waited for, the second terminated. */
public final class MainReturns {
    public static void main(String[] args) {
        var worker = new Process(() -> {
            Thread.sleep(1_000);
            System.out.println("child done");
        });
        var daemon = Process.builder().daemon(true).target(() -> {
            Thread.sleep(30_000);
            System.out.println("daemon done");
        }).build();
        worker.start();
        daemon.start();
        System.out.println("daemon pid " + daemon.pid());
        System.out.println("main done");
    }
}
