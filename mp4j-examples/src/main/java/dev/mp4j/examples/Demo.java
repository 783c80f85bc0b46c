package dev.mp4j.examples;

import dev.mp4j.Context;
import dev.mp4j.Mp;
import dev.mp4j.Process;
import dev.mp4j.StartMethod;

import java.util.ArrayList;

/**
 * The README's first command runs this: a short tour of mp4j for someone who knows Python's multiprocessing.
 * {@code --tour} (the default) runs it all; {@code --list} lists the example programs; {@code --run NAME [args]}
 * runs one of them.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--list")) {
            Examples.list();
            return;
        }
        if (args.length > 1 && args[0].equals("--run")) {
            Examples.run(args[1], java.util.Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        System.out.println("mp4j demo: Python's multiprocessing for Java " + Runtime.version().feature()
            + " on " + Mp.cpuCount() + " cores\n");
        greetings();
        exitCodes();
        startMethods();
        System.out.println("\nDone. The README lists every Python name with its Java call.");
    }

    /** Python: for i in range(4): Process(target=greet, args=(i,)).start() */
    static void greetings() {
        System.out.println("1. Four processes, each its own JVM, greet from their own pid:");
        var workers = new ArrayList<Process>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            workers.add(new Process(() -> System.out.print(String.format("   hello #%d from %s, pid %d, parent %s%n",
                n, Process.current().name(), ProcessHandle.current().pid(),
                Process.parent().orElseThrow().name()))));
        }
        workers.forEach(Process::start);
        workers.forEach(Process::join);
    }

    /** Python: p.exitcode after a normal end, an exception, sys.exit(3) and terminate(). */
    static void exitCodes() throws InterruptedException {
        System.out.println("2. Exit codes, as Python reports them:");
        var ok = new Process("ok", () -> { });
        var exits = new Process("exits", () -> System.exit(3));
        var sleeper = new Process("sleeper", () -> Thread.sleep(60_000));
        for (var p : new Process[] {ok, exits, sleeper}) p.start();
        Thread.sleep(200);
        sleeper.terminate();
        for (var p : new Process[] {ok, exits, sleeper}) {
            p.join();
            System.out.printf("   %-8s exitcode %d%n", p.name(), p.exitCode());
        }
    }

    /** SPAWN launches a JVM per start; WARM hands the start to a standby JVM launched ahead of time. */
    static void startMethods() throws InterruptedException {
        System.out.println("3. Start methods (start + join of a process that does nothing):");
        for (var method : StartMethod.values()) {
            var ctx = Context.of(method);
            Thread.sleep(method == StartMethod.WARM ? 1_500 : 0); // let the first standby come up
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                var p = Process.builder().context(ctx).target(() -> { }).build();
                p.start();
                p.join();
                best = Math.min(best, System.nanoTime() - t0);
                if (method == StartMethod.WARM) Thread.sleep(300);
            }
            System.out.printf("   %-5s best of 5: %5.1f ms%n", method, best / 1e6);
        }
    }
}
