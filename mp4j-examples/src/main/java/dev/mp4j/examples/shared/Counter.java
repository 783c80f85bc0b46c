package dev.mp4j.examples.shared;

import dev.mp4j.Process;
import dev.mp4j.Value;

import java.util.ArrayList;

/**
 * Seed 27. Thirty processes each add 1 to a shared {@code Value('i', 0)} under its lock and print it. Python:
 * {@code with counter.get_lock(): counter.value += 1; print(counter.value)}.
 */
public final class Counter {
    static void increment(Value.OfInt counter) {
        try (var held = counter.getLock().hold()) {
            counter.set(counter.get() + 1);
            System.out.println(counter.get());
        }
    }

    public static void main(String[] args) {
        var counter = Value.ofInt(0);
        var procs = new ArrayList<Process>();
        for (int i = 0; i < 30; i++) procs.add(new Process(() -> increment(counter)));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
        System.out.println("Final counter: " + counter.get());
    }
}
