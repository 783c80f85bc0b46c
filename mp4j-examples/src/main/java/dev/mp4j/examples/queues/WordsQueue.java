package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;
import java.util.List;

/** Seed 29. The parent puts four words; four processes share the Queue, each gets one word and prints it. */
public final class WordsQueue {
    static void worker(Queue<String> queue) {
        String word = queue.get();
        System.out.println(Process.current().name() + " got " + word);
    }

    public static void main(String[] args) {
        var queue = new Queue<String>();
        for (String word : List.of("wood", "sky", "cloud", "ocean")) queue.put(word);
        var processes = new ArrayList<Process>();
        for (int i = 0; i < 4; i++) processes.add(new Process(() -> worker(queue)));
        processes.forEach(Process::start);
        processes.forEach(Process::join);
    }
}
