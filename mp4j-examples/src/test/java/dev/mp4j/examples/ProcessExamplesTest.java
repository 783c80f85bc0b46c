package dev.mp4j.examples;

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
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The process seed programs, each run as a user runs it, with its output checked (order-free where Python's is). */
@Timeout(120)
class ProcessExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    @Test
    void square() {
        assertEquals(List.of("25"), run(Square.class));
    }

    @Test
    void sayHi() {
        var out = run(SayHi.class);
        assertEquals(2, out.size());
        long parent = Long.parseLong(out.get(0).replace("Parent process ", ""));
        long child = Long.parseLong(out.get(1).replace("Hi from process ", ""));
        assertNotEquals(parent, child);
    }

    @Test
    void greetings() {
        assertEquals(List.of("Hello, Bob!", "Hello, Bob!", "Hello, Bob!"), run(Greetings.class));
        assertEquals(List.of("Hello, Ann!", "Hello, Ann!"), run(Greetings.class, "2", "Ann"));
    }

    @Test
    void namedGreetings() {
        var names = run(NamedGreetings.class).stream().map(l -> l.split(" ")[3]).collect(Collectors.toSet());
        assertEquals(Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), names);
    }

    @Test
    void joinOrderTakesTheLongestNotTheSum() {
        var out = run(JoinOrder.class);
        assertEquals(4, out.size());
        double took = Double.parseDouble(out.get(3).replace("took ", "").replace(" s", ""));
        assertTrue(took >= 3.0 && took < 5.5, "took " + took + " s");
        assertTrue(out.get(0).endsWith("slept 1 s") && out.get(2).endsWith("slept 3 s"), out.toString());
    }

    @Test
    void isAlive() {
        assertEquals(List.of("alive before join: true", "alive after join: false"), run(IsAlive.class));
    }

    @Test
    void processIds() {
        var out = run(ProcessIds.class);
        String main = out.get(0).replace("main process id: ", "");
        var children = out.subList(1, out.size());
        assertEquals(3, children.size());
        assertTrue(children.stream().allMatch(l -> l.startsWith("parent process: " + main + ",")), out.toString());
        assertEquals(3, children.stream().map(l -> l.split("process id: ")[1]).distinct().count());
    }

    @Test
    void namingWorkers() {
        var out = Set.copyOf(run(NamingWorkers.class));
        assertEquals(Set.of("Service 1 Starting", "Service 1 Exiting", "Worker 1 Starting", "Worker 1 Exiting",
            "Process-3 Starting", "Process-3 Exiting"), out);
    }

    @Test
    void subclassing() {
        assertEquals(Set.of("In Process-1", "In Process-2", "In Process-3"), Set.copyOf(run(Subclassing.class)));
    }

    @Test
    void separateMemory() {
        assertEquals(List.of("child: [1, 2, 3, 4, 5]", "parent: [1, 2]"), run(SeparateMemory.class));
    }

    @Test
    void demoListsAndRunsExamplesByName() {
        var list = Programs.run(Demo.class, "--list");
        assertTrue(list.out().contains("square"), list.out());
        var one = Programs.run(Demo.class, "--run", "square");
        assertEquals("25\n", one.out());
    }
}
