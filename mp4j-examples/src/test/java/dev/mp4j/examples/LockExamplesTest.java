package dev.mp4j.examples;

import dev.mp4j.examples.locks.GreetingsUnderLock;
import dev.mp4j.examples.locks.HoleDiggers;
import dev.mp4j.examples.locks.Slowpoke;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The lock seed programs (10, 11, 14), each run as a user runs it, with its output checked. */
@Timeout(120)
class LockExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    @Test
    void greetingsUnderLockAreWholeLinesFromTenDistinctProcesses() {
        var out = run(GreetingsUnderLock.class);
        assertEquals(10, out.size(), out.toString());
        assertTrue(out.stream().allMatch(l -> l.matches("Hi, I am \\d with pid \\d+")), out.toString());
        assertEquals(Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            out.stream().map(l -> l.split(" ")[3]).collect(Collectors.toSet()));
        assertEquals(10, out.stream().map(l -> l.split(" ")[6]).distinct().count(), "ten pids");
    }

    @Test
    void holeDiggersEachDigTheirOwnHole() {
        var expected = IntStream.range(0, 10)
            .mapToObj(i -> "Hiddy-ho! I'm worker " + (char) ('A' + i) + " and today I have to dig hole " + i)
            .collect(Collectors.toSet());
        var out = run(HoleDiggers.class);
        assertEquals(10, out.size(), out.toString());
        assertEquals(expected, Set.copyOf(out));
    }

    @Test
    void slowpokeMakesTheWaiterWait() {
        long t0 = System.nanoTime();
        var out = run(Slowpoke.class);
        double took = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of("Waiter: Any day now...", "Slow Process: Just woke up", "Finally!"), out);
        assertTrue(took >= 2.0, "join returned before the child's 2 s sleep: " + took + " s");
    }
}
