package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.ArrayList;

/**
 * Seed 8. Three processes (or as many as the first argument says) greet a name (the second argument, default
 * "Bob"): anonymous processes with arguments.
 */
public final class Greetings {
    static void greet(String name) {
        System.out.println("Hello, " + name + "!");
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String name = args.length > 1 ? args[1] : "Bob";
        var procs = new ArrayList<Process>();
        for (int i = 0; i < n; i++) {
            var p = new Process(() -> greet(name));
            procs.add(p);
            p.start();
        }
        for (var p : procs) p.join();
    }
}
