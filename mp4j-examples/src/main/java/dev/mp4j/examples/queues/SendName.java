package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

/** Seed 12. The child blocks on {@code q.get()} until the parent, after a nap, puts a name. */
public final class SendName {
    static void greet(Queue<String> q) {
        System.out.println("(child process) Waiting for name...");
        String name = q.get();
        System.out.println("(child process) Well, hi " + name);
    }

    public static void main(String[] args) throws InterruptedException {
        var q = new Queue<String>();
        var p = new Process(() -> greet(q));
        p.start();
        Thread.sleep(1000);
        System.out.println("(main process) Ok, I'll send the name");
        q.put("Jimmy");
        p.join();
    }
}
