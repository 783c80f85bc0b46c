package dev.mp4j.examples.queues;

import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.concurrent.ThreadLocalRandom;

/** Seed 13. A queue conversation: the parent puts George0..George4 with random pauses; the child greets each. */
public final class SendFiveNames {
    static void greet(Queue<String> q) {
        for (int i = 0; i < 5; i++) {
            System.out.println("(child process) Waiting for name " + i);
            String name = q.get();
            System.out.println("(child process) Well, hi " + name);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var q = new Queue<String>();
        var p = new Process(() -> greet(q));
        p.start();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 1000));
            System.out.println("(main process) Sending name George" + i);
            q.put("George" + i);
        }
        p.join();
    }
}
