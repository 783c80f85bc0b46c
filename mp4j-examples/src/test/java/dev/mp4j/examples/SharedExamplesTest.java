package dev.mp4j.examples;

import dev.mp4j.examples.shared.Counter;
import dev.mp4j.examples.shared.SharedArraySquares;
import dev.mp4j.examples.shared.SharedValuePi;
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

/** The shared-memory seed programs (27, 32, 35), each run as a user runs it, with its results checked. */
@Timeout(120)
class SharedExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    @Test
    void counterCountsEachProcessOnce() {
        var out = run(Counter.class);
        assertEquals(31, out.size(), out.toString());
        assertEquals("Final counter: 30", out.get(30));
        // under the lock, each process sees its own increment: 1..30, each once, in whatever order
        var seen = out.subList(0, 30).stream().map(Integer::parseInt).collect(Collectors.toSet());
        assertEquals(IntStream.rangeClosed(1, 30).boxed().collect(Collectors.toSet()), seen);
    }

    @Test
    void sharedValuePiEstimatesPi() {
        var out = run(SharedValuePi.class, "200000");
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("Estimated value of pi: "), out.toString());
        double pi = Double.parseDouble(out.get(0).substring("Estimated value of pi: ".length()));
        // 200 000 points: the estimate's standard deviation is about 0.0037; 0.03 is 8 of them
        assertEquals(Math.PI, pi, 0.03);
        assertTrue(out.get(1).matches("took \\d+[.,]\\d\\d s"), out.get(1));
    }

    @Test
    void sharedArrayIsSquaredInPlaceByTheChild() {
        assertEquals(List.of("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"), run(SharedArraySquares.class));
    }
}
