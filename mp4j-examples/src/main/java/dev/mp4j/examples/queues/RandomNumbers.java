package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** Seed 28. Four processes each put a random number in a Queue; the parent gets the four. */
public final class RandomNumbers {
    static void randVal(Queue<Double> queue) {
        queue.put(ThreadLocalRandom.current().nextDouble());
    }

    public static void main(String[] args) {
        var queue = new Queue<Double>();
        var processes = new ArrayList<Process>();
        for (int i = 0; i < 4; i++) processes.add(new Process(() -> randVal(queue)));
        processes.forEach(Process::start);
        processes.forEach(Process::join);
        var results = new ArrayList<Double>();
        for (int i = 0; i < processes.size(); i++) results.add(queue.get());
        System.out.println(results);
    }
}
