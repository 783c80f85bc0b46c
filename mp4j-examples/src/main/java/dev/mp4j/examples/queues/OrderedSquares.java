package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 5. Each process sleeps a random while (as in seed 4), then puts {@code (index, x*x)}; the parent sorts by
 * index to restore the input order. Python's tuple is a record here.
 */
public final class OrderedSquares {
    record Indexed(int index, int value) implements Serializable {}

    static void square(int index, int x, Queue<Indexed> q) throws InterruptedException {
        Thread.sleep(10L * ThreadLocalRandom.current().nextInt(0, 101));
        q.put(new Indexed(index, x * x));
    }

    public static void main(String[] args) {
        var input = List.of(2, 4, 6, 8, 3, 5, 7, 9);
        var q = new Queue<Indexed>();
        var procs = new ArrayList<Process>();
        for (int i = 0; i < input.size(); i++) {
            int index = i, x = input.get(i);
            procs.add(new Process(() -> square(index, x, q)));
        }
        procs.forEach(Process::start);
        var results = new ArrayList<Indexed>();
        for (int i = 0; i < procs.size(); i++) results.add(q.get());
        procs.forEach(Process::join);
        results.sort(Comparator.comparingInt(Indexed::index));
        System.out.println(results.stream().map(Indexed::value).toList());
    }
}
