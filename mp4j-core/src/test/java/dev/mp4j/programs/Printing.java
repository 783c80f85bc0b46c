package dev.mp4j.programs;

import dev.mp4j.Process;

/** Children print to the parent's stdout; an uncaught exception's stack trace goes to stderr. */
public final class Printing {
    public static void main(String[] args) {
        var hello = new Process(() -> System.out.println("hello from " + Process.current().name()));
        hello.start();
        hello.join();
        var failing = new Process("failing", () -> {
            throw new IllegalArgumentException("bad thing");
        });
        failing.start();
        failing.join();
        System.out.println("exit codes " + hello.exitCode() + " " + failing.exitCode());
    }
}
