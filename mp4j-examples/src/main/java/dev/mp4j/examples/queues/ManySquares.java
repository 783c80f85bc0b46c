package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;

/**
 * Seed 3. Eight processes square 2..9 into one Queue; the parent collects the results in the order they
 * arrive, which is the order the processes finish in, not the order they were started in.
 */
public final class ManySquares {
    static void square(int x, Queue<Integer> q) {
        q.put(x * x);
    }

    public static void main(String[] args) {
        var q = new Queue<Integer>();
        var procs = new ArrayList<Process>();
        for (int x = 2; x <= 9; x++) {
            int n = x;
            procs.add(new Process(() -> square(n, q)));
        }
        procs.forEach(Process::start);
        var results = new ArrayList<Integer>();
        for (int i = 0; i < procs.size(); i++) results.add(q.get());
        procs.forEach(Process::join);
        System.out.println(results);
    }
}
