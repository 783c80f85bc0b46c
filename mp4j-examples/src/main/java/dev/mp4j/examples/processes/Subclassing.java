package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.ArrayList;

/** Seed 21. {@code class Worker(Process)} with its own {@code run()}: Java subclasses Process the same way. */
public final class Subclassing {
    static final class Worker extends Process {
        @Override
        public void run() {
            System.out.println("In " + name());
        }
    }

    public static void main(String[] args) {
        var workers = new ArrayList<Worker>();
        for (int i = 0; i < 3; i++) workers.add(new Worker());
        workers.forEach(Process::start);
        workers.forEach(Process::join);
    }
}
