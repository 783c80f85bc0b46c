package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.List;

/** Seed 20. "Service 1", "Worker 1" and one default-named process print Starting and Exiting. */
public final class NamingWorkers {
    static void work() throws InterruptedException {
        String name = Process.current().name();
        System.out.println(name + " Starting");
        Thread.sleep(200);
        System.out.println(name + " Exiting");
    }

    public static void main(String[] args) {
        var service = new Process("Service 1", NamingWorkers::work);
        var worker1 = new Process("Worker 1", NamingWorkers::work);
        var worker2 = new Process(NamingWorkers::work); // default name: Process-3
        for (var p : List.of(service, worker1, worker2)) p.start();
        for (var p : List.of(service, worker1, worker2)) p.join();
    }
}
