package dev.mp4j.examples.processes;

import dev.mp4j.Process;

/** Seed 7. The parent prints its pid; a child says hi with its own, from {@code current_process().pid}. */
public final class SayHi {
    static void sayHi() {
        System.out.println("Hi from process " + Process.current().pid());
    }

    public static void main(String[] args) {
        System.out.println("Parent process " + Process.current().pid());
        var p = new Process(SayHi::sayHi);
        p.start();
        p.join();
    }
}
