package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

/**
 * Seed 15. Two numbers (Python reads them with {@code input()}; here they are the arguments, default 2 and 3)
 * are added in a child, and the sum comes back through a Queue.
 */
public final class AddTwoNumbers {
    static void add(int a, int b, Queue<Integer> q) {
        q.put(a + b);
    }

    public static void main(String[] args) {
        int a = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int b = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var q = new Queue<Integer>();
        var p = new Process(() -> add(a, b, q));
        p.start();
        System.out.println("The sum of " + a + " and " + b + " is " + q.get());
        p.join();
    }
}
