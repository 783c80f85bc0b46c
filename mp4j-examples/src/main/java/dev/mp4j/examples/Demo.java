package dev.mp4j.examples;

import dev.mp4j.Lock;
import dev.mp4j.Mp;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

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
        conversation();
        monteCarloPi(args.length > 1 && args[0].equals("--points") ? Long.parseLong(args[1]) : 1_000_000_000L);
        System.out.println("\nDone. `Demo --list` lists the example programs; the README maps every Python name to Java.");
    }

    /** Python: Process(target=greet, args=(lock, i)) for i in range(4), each print under one shared Lock. */
    static void greetings() {
        System.out.println("1. Four processes, each its own JVM, greet under one shared Lock:");
        var lock = new Lock();
        var workers = new ArrayList<Process>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            workers.add(new Process(() -> {
                try (var held = lock.hold()) {
                    System.out.printf("   hello #%d from %s, pid %d%n", n, Process.current().name(),
                        ProcessHandle.current().pid());
                }
            }));
        }
        workers.forEach(Process::start);
        workers.forEach(Process::join);
    }

    /** Python: a child answers what the parent puts in one queue through another. */
    static void conversation() {
        System.out.println("\n2. A queue conversation with a child process:");
        var questions = new Queue<String>();
        var answers = new Queue<String>();
        var child = new Process(() -> {
            for (String name; (name = questions.get()) != null; ) answers.put("Well, hi " + name + "!");
        });
        child.start();
        for (String name : List.of("Ada", "Guido", "James")) {
            questions.put(name);
            System.out.println("   parent sent " + name + ", child answered: " + answers.get());
        }
        questions.put(null);
        child.join();
    }

    static long hits(long points, long seed) {
        var random = new SplittableRandom(seed);
        long inside = 0;
        for (long i = 0; i < points; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y < 1) inside++;
        }
        return inside;
    }

    /** Seed 31: Monte-Carlo pi serially, then the same points split over a Pool, with a progress bar. */
    static void monteCarloPi(long points) {
        System.out.printf(Locale.ROOT, "%n3. Monte-Carlo pi with %,d random points:%n", points);
        long t0 = System.nanoTime();
        double serialPi = 4.0 * hits(points, 1) / points;
        double serial = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "   serially:          pi ~ %.6f in %.2f s%n", serialPi, serial);

        int tasks = 40;
        List<Long> seeds = new ArrayList<>();
        for (long s = 0; s < tasks; s++) seeds.add(s + 100);
        long perTask = points / tasks;
        long inside = 0;
        double parallel;
        try (Pool pool = new Pool()) {
            pool.map(seed -> hits(1000, seed), seeds); // the workers are up (as in Python's figure)
            t0 = System.nanoTime();
            for (long h : pool.imapUnordered(seed -> hits(perTask, seed), seeds, 1, Demo::bar)) inside += h;
            parallel = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%n   on a Pool of %d:     pi ~ %.6f in %.2f s: %.2fx faster%n",
            Mp.cpuCount(), 4.0 * inside / (perTask * tasks), parallel, serial / parallel);
    }

    private static void bar(long done, long total) {
        int width = 30, filled = (int) (width * done / Math.max(1, total));
        System.out.print("\r   [" + String.join("", Collections.nCopies(filled, "#"))
            + " ".repeat(width - filled) + "] " + done + "/" + total);
        System.out.flush();
    }
}
