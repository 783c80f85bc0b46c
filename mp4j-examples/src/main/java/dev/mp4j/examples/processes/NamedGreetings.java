package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.ArrayList;

/** Seed 9. Ten processes named "0".."9" print their name and pid, in whatever order they get there. */
public final class NamedGreetings {
    static void greet() {
        var me = Process.current();
        System.out.println("Hi, I am " + me.name() + " with pid " + me.pid());
    }

    public static void main(String[] args) {
        var procs = new ArrayList<Process>();
        for (int i = 0; i < 10; i++) procs.add(new Process(Integer.toString(i), NamedGreetings::greet));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
    }
}
