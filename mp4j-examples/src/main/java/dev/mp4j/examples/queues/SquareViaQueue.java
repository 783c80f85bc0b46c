package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

/** Seed 2. A child puts 5*5 in a Queue and the parent gets it: returning a result. Python: {@code q.put(x * x)}. */
public final class SquareViaQueue {
    static void square(int x, Queue<Integer> q) {
        q.put(x * x);
    }

    public static void main(String[] args) {
        var q = new Queue<Integer>();
        var p = new Process(() -> square(5, q));
        p.start();
        System.out.println(q.get());
        p.join();
    }
}
