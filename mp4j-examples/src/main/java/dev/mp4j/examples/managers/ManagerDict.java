package dev.mp4j.examples.managers;

import dev.mp4j.Manager;
import dev.mp4j.Process;

import java.util.Map;

/**
 * Seed 36. A child fills a {@code manager.dict()} and the parent sees it: the dict lives in the manager's
 * server process, and both hold proxies to it. Python: {@code with Manager() as manager: fruits = manager.dict()}.
 */
public final class ManagerDict {
    static void f(Map<String, Double> fruits) {
        fruits.put("Apple", 0.70);
        fruits.put("Orange", 1.20);
    }

    public static void main(String[] args) {
        try (var manager = Manager.start()) {
            Map<String, Double> fruits = manager.dict();
            var p = new Process(() -> f(fruits));
            p.start();
            p.join();
            System.out.println(fruits);
        }
    }
}
