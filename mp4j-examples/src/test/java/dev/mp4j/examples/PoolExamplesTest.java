package dev.mp4j.examples;

import dev.mp4j.Mp;
import dev.mp4j.examples.pools.BbpPi;
import dev.mp4j.examples.pools.MonteCarloPi;
import dev.mp4j.examples.pools.MultipleFunctions;
import dev.mp4j.examples.pools.PoolApply;
import dev.mp4j.examples.pools.ProgressBar;
import dev.mp4j.examples.pools.Starmap;
import dev.mp4j.examples.pools.WorkerPool;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The pool seed programs (22-25, 31, 38) and the progress bar, each run as a user runs it, with its results checked. */
@Timeout(120)
class PoolExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    private static double seconds(String line, Pattern pattern) {
        var m = pattern.matcher(line);
        assertTrue(m.matches(), line);
        return Double.parseDouble(m.group(1).replace(',', '.')); // the default locale's decimal separator
    }

    @Test
    void workerPoolSleepsInParallel() {
        // 3 s sleeps rather than the program's 2 s: room for JVM start-ups on a loaded machine
        var out = run(WorkerPool.class, "3000");
        assertEquals(2, out.size(), out.toString());
        assertEquals("[4, 16, 36, 64]", out.get(0));
        // Pool() has cpu_count workers and map deals the 4 items one per task: 3 s per round of workers
        int rounds = (4 + Mp.cpuCount() - 1) / Mp.cpuCount();
        double took = seconds(out.get(1), Pattern.compile("took (\\d+[.,]\\d) s"));
        assertTrue(took >= 3.0 * rounds - 0.1, "faster than the sleeps allow: " + took + " s for " + rounds + " rounds");
        if (Mp.cpuCount() > 1) {
            assertTrue(took < 4 * 3.0, "not faster than one worker sleeping four times in a row: " + took + " s");
        }
    }

    @Test
    void starmapPassesSeveralArguments() {
        assertEquals(List.of("[4, 64, 3125]"), run(Starmap.class));
    }

    @Test
    void multipleFunctionsAreCalledInTheWorkers() {
        assertEquals(List.of("[5, 1, 7]"), run(MultipleFunctions.class));
    }

    @Test
    void bbpPiGivesTheDigitsOfPiSeriallyAndOnThePool() {
        var out = run(BbpPi.class, "300", "450", "600");
        assertEquals(8, out.size(), out.toString());
        assertTrue(out.get(3).matches("serial: \\d+[.,]\\d\\d s"), out.get(3));
        assertTrue(out.get(7).matches("Pool\\(3\\): \\d+[.,]\\d\\d s"), out.get(7));
        String pi = machinPi(620);
        int[] digits = {300, 450, 600};
        for (int i = 0; i < 3; i++) {
            assertEquals(out.get(i), out.get(i + 4), "the pool computes what the serial loop does");
            String value = out.get(i);
            assertEquals(digits[i] + 1, value.length(), "precision " + digits[i] + ": " + value);
            // all but the last few digits, which rounding may touch
            assertEquals(pi.substring(0, digits[i] - 4), value.substring(0, digits[i] - 4), "precision " + digits[i]);
        }
    }

    /** π to {@code digits} decimals, independently: Machin's 16 atan(1/5) - 4 atan(1/239). */
    private static String machinPi(int digits) {
        int scale = digits + 10;
        var pi = atanInverse(5, scale).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239, scale).multiply(BigDecimal.valueOf(4)));
        return pi.setScale(digits, RoundingMode.DOWN).toPlainString();
    }

    private static BigDecimal atanInverse(int x, int scale) {
        var sum = BigDecimal.ZERO;
        var xPower = BigDecimal.ONE.divide(BigDecimal.valueOf(x), scale, RoundingMode.DOWN); // 1/x^(2k+1)
        var x2 = BigDecimal.valueOf((long) x * x);
        for (int k = 0; xPower.signum() != 0; k++) {
            var term = xPower.divide(BigDecimal.valueOf(2L * k + 1), scale, RoundingMode.DOWN);
            sum = k % 2 == 0 ? sum.add(term) : sum.subtract(term);
            xPower = xPower.divide(x2, scale, RoundingMode.DOWN);
        }
        return sum;
    }

    @Test
    void monteCarloPiSeriallyAndOnThePool() {
        var out = run(MonteCarloPi.class, "4000000");
        assertEquals(3, out.size(), out.toString());
        assertEquals("You have " + Mp.cpuCount() + " CPUs", out.get(1));
        // 4 000 000 points: the estimate's standard deviation is about 0.0008; 0.01 is 12 of them
        var serial = Pattern.compile("Serially: pi is about (\\d[.,]\\d{6}) \\(\\d+[.,]\\d\\d s\\)").matcher(out.get(0));
        var pool = Pattern.compile("With a Pool: pi is about (\\d[.,]\\d{6}) \\(\\d+[.,]\\d\\d s\\)").matcher(out.get(2));
        assertTrue(serial.matches(), out.get(0));
        assertTrue(pool.matches(), out.get(2));
        assertEquals(Math.PI, Double.parseDouble(serial.group(1).replace(',', '.')), 0.01);
        assertEquals(Math.PI, Double.parseDouble(pool.group(1).replace(',', '.')), 0.01);
    }

    @Test
    void poolApplyBlockingAndNot() {
        var out = run(PoolApply.class);
        String squares = "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]";
        assertEquals(List.of("16", "144", squares), out.subList(0, 3), out.toString());
        assertEquals(squares, out.getLast());
        assertTrue(out.subList(3, out.size() - 1).stream().allMatch("waiting..."::equals), out.toString());
    }

    @Test
    void progressBarCountsToTheEndOnStderr() {
        var r = Programs.run(ProgressBar.class);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("sum of squares: 328350"), r.lines());
        assertTrue(r.err().contains("100/100"), r.err());
    }
}
