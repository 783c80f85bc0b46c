package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.Arrays;
import java.util.Random;

/**
 * Seed 16. A million random ints 1..100: two children each sum one half and put the answer in a Queue; the
 * parent adds both answers. The optional argument seeds the random numbers.
 */
public final class AddManyNumbers {
    static void add(int[] numbers, Queue<Long> q) {
        long sum = 0;
        for (int x : numbers) sum += x;
        q.put(sum);
    }

    static int[] randomNumbers(int count, Random random) {
        return random.ints(count, 1, 101).toArray();
    }

    public static void main(String[] args) {
        var random = args.length > 0 ? new Random(Long.parseLong(args[0])) : new Random();
        int[] numbers = randomNumbers(1_000_000, random);
        int[] first = Arrays.copyOfRange(numbers, 0, 500_000), second = Arrays.copyOfRange(numbers, 500_000, 1_000_000);
        var q = new Queue<Long>();
        var p1 = new Process(() -> add(first, q));
        var p2 = new Process(() -> add(second, q));
        p1.start();
        p2.start();
        long total = q.get() + q.get();
        p1.join();
        p2.join();
        System.out.println("The total is " + total);
    }
}
