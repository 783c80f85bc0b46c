package dev.mp4j.examples.processes;

import dev.mp4j.Process;

import java.util.List;

/** Seed 19. Children print their parent's pid (the same for all) and their own (all different). */
public final class ProcessIds {
    static void info() {
        System.out.println("parent process: " + ProcessHandle.current().parent().orElseThrow().pid()
            + ", process id: " + ProcessHandle.current().pid());
    }

    public static void main(String[] args) {
        System.out.println("main process id: " + ProcessHandle.current().pid());
        var procs = List.of(new Process(ProcessIds::info), new Process(ProcessIds::info), new Process(ProcessIds::info));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
    }
}
