package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.ArrayList;
import java.util.List;

/** Seed 26. A child extends a global list and prints it; the parent's list is unchanged: no shared memory. */
public final class SeparateMemory {
    static final List<Integer> RESULT = new ArrayList<>(List.of(1, 2));

    static void extend() {
        RESULT.addAll(List.of(3, 4, 5));
        System.out.println("child: " + RESULT);
    }

    public static void main(String[] args) {
        var p = new Process(SeparateMemory::extend);
        p.start();
        p.join();
        System.out.println("parent: " + RESULT);
    }
}
