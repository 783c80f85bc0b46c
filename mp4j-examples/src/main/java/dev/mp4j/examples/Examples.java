package dev.mp4j.examples;

import dev.mp4j.examples.pool.BbpPi;
import dev.mp4j.examples.pool.MonteCarloPi;
import dev.mp4j.examples.pool.MultipleFunctions;
import dev.mp4j.examples.pool.PoolApply;
import dev.mp4j.examples.pool.ProgressBar;
import dev.mp4j.examples.pool.Starmap;
import dev.mp4j.examples.pool.WorkerPool;
import dev.mp4j.examples.processes.Greetings;
import dev.mp4j.examples.processes.IsAlive;
import dev.mp4j.examples.processes.JoinOrder;
import dev.mp4j.examples.processes.NamedGreetings;
import dev.mp4j.examples.processes.NamingWorkers;
import dev.mp4j.examples.processes.ProcessIds;
import dev.mp4j.examples.processes.SayHi;
import dev.mp4j.examples.processes.SeparateMemory;
import dev.mp4j.examples.processes.Square;
import dev.mp4j.examples.processes.Subclassing;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed programs (../shared/SEED-PROGRAMS.md) by name, for {@code Demo --list} and {@code Demo --run NAME}. */
public final class Examples {
    private Examples() {}

    /** Seed number and name to the class whose {@code main} runs it. */
    public static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("square", Square.class);
        ALL.put("say-hi", SayHi.class);
        ALL.put("greetings", Greetings.class);
        ALL.put("named-greetings", NamedGreetings.class);
        ALL.put("join-order", JoinOrder.class);
        ALL.put("is-alive", IsAlive.class);
        ALL.put("process-ids", ProcessIds.class);
        ALL.put("naming-workers", NamingWorkers.class);
        ALL.put("subclassing", Subclassing.class);
        ALL.put("separate-memory", SeparateMemory.class);
        ALL.put("worker-pool", WorkerPool.class);
        ALL.put("starmap", Starmap.class);
        ALL.put("multiple-functions", MultipleFunctions.class);
        ALL.put("bbp-pi", BbpPi.class);
        ALL.put("monte-carlo-pi", MonteCarloPi.class);
        ALL.put("pool-apply", PoolApply.class);
        ALL.put("progress-bar", ProgressBar.class);
    }

    static void list() {
        ALL.forEach((name, type) -> System.out.printf("  %-20s %s%n", name, type.getName()));
    }

    static void run(String name, String[] args) throws Exception {
        Class<?> type = ALL.get(name);
        if (type == null) {
            System.err.println("no example named '" + name + "'; --list shows them all");
            System.exit(2);
        }
        try {
            type.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOf(args, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
