package dev.mp4j.examples.locks;

import dev.mp4j.Lock;
import dev.mp4j.Process;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 11. Workers A..J each dig one hole, announcing it under a Lock. Python:
 * {@code for holeid, name in enumerate(names): Process(target=dig, args=(name, holeid, lock))}, and
 * {@code with lock: print(...)}, which is {@code try (var held = lock.hold())} here.
 */
public final class HoleDiggers {
    static void dig(String workerName, int holeId, Lock lock) {
        try (var held = lock.hold()) {
            System.out.println("Hiddy-ho! I'm worker " + workerName + " and today I have to dig hole " + holeId);
        }
    }

    public static void main(String[] args) {
        var lock = new Lock();
        var diggers = new ArrayList<Process>();
        var names = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
        for (int holeId = 0; holeId < names.size(); holeId++) {
            String name = names.get(holeId);
            int hole = holeId;
            var p = new Process(() -> dig(name, hole, lock));
            diggers.add(p);
            p.start();
        }
        for (var p : diggers) p.join();
    }
}
