package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 30. Eight processes sleep a random 1..3 s, then put {@code (idx, x*x)}; sorting by idx restores the
 * input order. Python: {@code [val[1] for val in sorted(unsorted_result)]}.
 */
public final class QueueOrder {
    record Indexed(int idx, int value) implements Serializable {}

    static void square(int idx, int x, Queue<Indexed> queue) throws InterruptedException {
        Thread.sleep(1000L * ThreadLocalRandom.current().nextInt(1, 4));
        queue.put(new Indexed(idx, x * x));
    }

    public static void main(String[] args) {
        var data = List.of(2, 4, 6, 3, 5, 8, 9, 7);
        var queue = new Queue<Indexed>();
        var processes = new ArrayList<Process>();
        for (int idx = 0; idx < data.size(); idx++) {
            int i = idx, val = data.get(idx);
            processes.add(new Process(() -> square(i, val, queue)));
        }
        processes.forEach(Process::start);
        processes.forEach(Process::join);
        var unsortedResult = new ArrayList<Indexed>();
        for (int i = 0; i < processes.size(); i++) unsortedResult.add(queue.get());
        var result = unsortedResult.stream().sorted(Comparator.comparingInt(Indexed::idx)).map(Indexed::value).toList();
        System.out.println(result);
    }
}
