package dev.mp4j.examples.locks;

import dev.mp4j.Lock;
import dev.mp4j.Process;

/**
 * Seed 14. A child sleeps, then prints under the lock; the parent prints while it waits, then {@code join()}
 * blocks it until the child is done.
 */
public final class Slowpoke {
    static void slowpoke(Lock lock) throws InterruptedException {
        Thread.sleep(2000);
        try (var held = lock.hold()) {
            System.out.println("Slow Process: Just woke up");
        }
    }

    public static void main(String[] args) {
        var lock = new Lock();
        var p = new Process(() -> slowpoke(lock));
        p.start();
        try (var held = lock.hold()) {
            System.out.println("Waiter: Any day now...");
        }
        p.join();
        System.out.println("Finally!");
    }
}
