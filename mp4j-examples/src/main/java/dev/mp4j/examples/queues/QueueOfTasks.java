package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;

/** Seed 37. Work sharing: the parent puts 0..9; ten processes each get one task and print its square. */
public final class QueueOfTasks {
    static void worker(Queue<Integer> tasks) {
        int x = tasks.get();
        System.out.println(Process.current().name() + ": " + x + " squared is " + x * x);
    }

    public static void main(String[] args) {
        var tasks = new Queue<Integer>();
        for (int i = 0; i < 10; i++) tasks.put(i);
        var processes = new ArrayList<Process>();
        for (int i = 0; i < 10; i++) processes.add(new Process(() -> worker(tasks)));
        processes.forEach(Process::start);
        processes.forEach(Process::join);
    }
}
