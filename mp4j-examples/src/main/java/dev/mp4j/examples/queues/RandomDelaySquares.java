package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 4. Seed 3 with each process first sleeping {@code 0.01 * randint(0, 100)} seconds: the results arrive in
 * no guaranteed order.
 */
public final class RandomDelaySquares {
    static void square(int x, Queue<Integer> q) throws InterruptedException {
        Thread.sleep(10L * ThreadLocalRandom.current().nextInt(0, 101));
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
