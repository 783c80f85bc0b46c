package dev.mp4j.examples.pipes;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.Process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 34. A child sends a dict, {@code {'Apple': 0.70, 'Orange': 1.20}}, through a Pipe and the parent prints
 * it: any serializable object travels, here an insertion-ordered map as Python's dict is.
 */
public final class PipeDict {
    static void f(Connection<Map<String, Double>> conn) {
        var fruits = new LinkedHashMap<String, Double>();
        fruits.put("Apple", 0.70);
        fruits.put("Orange", 1.20);
        conn.send(fruits);
        conn.close();
    }

    public static void main(String[] args) {
        Pipe<Map<String, Double>> pipe = Pipe.open();
        var parentConn = pipe.left();
        var childConn = pipe.right();
        var p = new Process(() -> f(childConn));
        p.start();
        System.out.println(parentConn.recv());
        p.join();
    }
}
