package dev.mp4j.examples.pipes;

import dev.mp4j.Connection;
import dev.mp4j.Pipe;
import dev.mp4j.Process;

import java.util.List;

/**
 * Seed 33. Two producers send ten items each, then "END", into the same end of a Pipe; a printer reads the other
 * end and prints until it has seen two ENDs.
 */
public final class PipeProducers {
    static void producer(String name, Connection<String> conn) {
        for (int i = 0; i < 10; i++) conn.send(name + " " + i);
        conn.send("END");
    }

    static void printer(Connection<String> conn) {
        int ends = 0;
        while (ends < 2) {
            String msg = conn.recv();
            if (msg.equals("END")) ends++;
            else System.out.println(msg);
        }
    }

    public static void main(String[] args) {
        Pipe<String> pipe = Pipe.open();
        var sendEnd = pipe.left();
        var recvEnd = pipe.right();
        var procs = List.of(
            new Process(() -> producer("A", sendEnd)),
            new Process(() -> producer("B", sendEnd)),
            new Process(() -> printer(recvEnd)));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
    }
}
