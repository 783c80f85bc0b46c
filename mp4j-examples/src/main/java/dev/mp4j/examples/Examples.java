package dev.mp4j.examples;

import dev.mp4j.examples.locks.GreetingsUnderLock;
import dev.mp4j.examples.locks.HoleDiggers;
import dev.mp4j.examples.locks.Slowpoke;
import dev.mp4j.examples.managers.ManagerDict;
import dev.mp4j.examples.pipes.PipeDict;
import dev.mp4j.examples.pipes.PipeProducers;
import dev.mp4j.examples.pools.BbpPi;
import dev.mp4j.examples.pools.MonteCarloPi;
import dev.mp4j.examples.pools.MultipleFunctions;
import dev.mp4j.examples.pools.PoolApply;
import dev.mp4j.examples.pools.ProgressBar;
import dev.mp4j.examples.pools.Starmap;
import dev.mp4j.examples.pools.WorkerPool;
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
import dev.mp4j.examples.queues.AddManyNumbers;
import dev.mp4j.examples.queues.AddTwoNumbers;
import dev.mp4j.examples.queues.ManySquares;
import dev.mp4j.examples.queues.OrderedSquares;
import dev.mp4j.examples.queues.PiByIntegration;
import dev.mp4j.examples.queues.QueueOfTasks;
import dev.mp4j.examples.queues.QueueOrder;
import dev.mp4j.examples.queues.RandomDelaySquares;
import dev.mp4j.examples.queues.RandomNumbers;
import dev.mp4j.examples.queues.SendFiveNames;
import dev.mp4j.examples.queues.SendName;
import dev.mp4j.examples.queues.SquareViaQueue;
import dev.mp4j.examples.queues.WordsQueue;
import dev.mp4j.examples.shared.Counter;
import dev.mp4j.examples.shared.SharedArraySquares;
import dev.mp4j.examples.shared.SharedValuePi;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed programs (../shared/SEED-PROGRAMS.md) by name, for {@code Demo --list} and {@code Demo --run NAME}. */
public final class Examples {
    private Examples() {}

    /** Name to the class whose {@code main} runs it: the 38 seed programs, then extras. */
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
        // locks
        ALL.put("greetings-under-lock", GreetingsUnderLock.class);
        ALL.put("hole-diggers", HoleDiggers.class);
        ALL.put("slowpoke", Slowpoke.class);
        // shared memory
        ALL.put("counter", Counter.class);
        ALL.put("shared-value-pi", SharedValuePi.class);
        ALL.put("shared-array", SharedArraySquares.class);
        // queues
        ALL.put("square-via-queue", SquareViaQueue.class);
        ALL.put("many-squares", ManySquares.class);
        ALL.put("random-delay-squares", RandomDelaySquares.class);
        ALL.put("ordered-squares", OrderedSquares.class);
        ALL.put("pi-by-integration", PiByIntegration.class);
        ALL.put("send-name", SendName.class);
        ALL.put("send-five-names", SendFiveNames.class);
        ALL.put("add-two-numbers", AddTwoNumbers.class);
        ALL.put("add-many-numbers", AddManyNumbers.class);
        ALL.put("random-numbers", RandomNumbers.class);
        ALL.put("words-queue", WordsQueue.class);
        ALL.put("queue-order", QueueOrder.class);
        ALL.put("queue-of-tasks", QueueOfTasks.class);
        // pipes
        ALL.put("pipe-producers", PipeProducers.class);
        ALL.put("pipe-dict", PipeDict.class);
        // pools
        ALL.put("worker-pool", WorkerPool.class);
        ALL.put("starmap", Starmap.class);
        ALL.put("multiple-functions", MultipleFunctions.class);
        ALL.put("bbp-pi", BbpPi.class);
        ALL.put("monte-carlo-pi", MonteCarloPi.class);
        ALL.put("pool-apply", PoolApply.class);
        ALL.put("progress-bar", ProgressBar.class); // not a seed: tqdm over imap
        // managers
        ALL.put("manager-dict", ManagerDict.class);
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
