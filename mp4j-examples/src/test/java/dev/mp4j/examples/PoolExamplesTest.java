package dev.mp4j.examples;

import dev.mp4j.examples.pool.BbpPi;
import dev.mp4j.examples.pool.MonteCarloPi;
import dev.mp4j.examples.pool.MultipleFunctions;
import dev.mp4j.examples.pool.PoolApply;
import dev.mp4j.examples.pool.ProgressBar;
import dev.mp4j.examples.pool.Starmap;
import dev.mp4j.examples.pool.WorkerPool;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Pool seed programs (22-25, 31, 38), each run as a user runs it, with its output checked. */
@Timeout(180)
class PoolExamplesTest {
    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(List<String> jvm, Class<?> example, String... args) {
        var r = Programs.run(jvm, example, args);
        assertEquals(0, r.exitCode(), r.err());
        return r.lines();
    }

    @Test
    void workerPool() {
        var out = run(List.of(), WorkerPool.class, "300");
        assertEquals("[4, 16, 36, 64]", out.get(0));
        double seconds = Double.parseDouble(out.get(1).replaceAll("took ([0-9.]+) s", "$1"));
        assertTrue(seconds < 30, out.get(1));
    }

    @Test
    void starmap() {
        assertEquals(List.of("[4, 64, 3125]"), run(List.of(), Starmap.class));
    }

    @Test
    void multipleFunctions() {
        assertEquals(List.of("[5, 1, 7]"), run(List.of(), MultipleFunctions.class));
    }

    @Test
    void bbpPi() {
        var out = run(List.of(), BbpPi.class, "1000");
        assertTrue(out.get(0).startsWith("1000 digits:") && out.get(0).endsWith("same result: true"), out.get(0));
        assertEquals("3.14159265358979323846264338327950288419716939937510...", out.get(1));
    }

    @Test
    void monteCarloPi() {
        var out = run(List.of(), MonteCarloPi.class, "4000000");
        for (String line : out) {
            double pi = Double.parseDouble(line.replaceAll(".*pi ~ ([0-9.]+).*", "$1"));
            assertEquals(Math.PI, pi, 0.01, line);
        }
        assertEquals(2, out.size());
    }

    @Test
    void poolApply() {
        var out = run(List.of(), PoolApply.class);
        assertEquals("16", out.get(0));
        assertEquals("144", out.get(1));
        assertEquals("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", out.get(2));
        assertEquals("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", out.getLast());
    }

    @Test
    void progressBar() {
        var r = Programs.run(ProgressBar.class);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("sum of squares: 328350"), r.lines());
        assertTrue(r.err().contains("100/100"), r.err());
    }
}
