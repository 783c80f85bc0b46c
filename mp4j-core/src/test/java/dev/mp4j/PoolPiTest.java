package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The seed programs' π computations on a Pool: Monte-Carlo (seed 31) and Bailey–Borwein–Plouffe (seed 25). */
@Timeout(180)
class PoolPiTest {
    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static final String PI_50 = "3.14159265358979323846264338327950288419716939937510";

    static long hits(long n, long seed) {
        var random = new SplittableRandom(seed);
        long c = 0;
        for (long i = 0; i < n; i++) {
            double x = random.nextDouble(), y = random.nextDouble();
            if (x * x + y * y < 1) c++;
        }
        return c;
    }

    @Test
    void monteCarloPi() {
        long n = 4_000_000;
        int parts = Mp.cpuCount();
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < parts; i++) seeds.add(1000L + i);
        try (Pool pool = new Pool()) {
            long total = pool.map(s -> hits(n / parts, s), seeds).stream().mapToLong(Long::longValue).sum();
            double pi = 4.0 * total / (n / parts * parts);
            assertEquals(Math.PI, pi, 0.005);
        }
    }

    /** One BBP term: 16^-k (4/(8k+1) - 2/(8k+4) - 1/(8k+5) - 1/(8k+6)). */
    static BigDecimal bbpTerm(int k, int digits) {
        var mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
        BigDecimal eightK = BigDecimal.valueOf(8L * k);
        BigDecimal s = BigDecimal.valueOf(4).divide(eightK.add(BigDecimal.ONE), mc)
            .subtract(BigDecimal.valueOf(2).divide(eightK.add(BigDecimal.valueOf(4)), mc))
            .subtract(BigDecimal.ONE.divide(eightK.add(BigDecimal.valueOf(5)), mc))
            .subtract(BigDecimal.ONE.divide(eightK.add(BigDecimal.valueOf(6)), mc));
        return s.divide(BigDecimal.valueOf(16).pow(k), mc);
    }

    static BigDecimal sum(List<BigDecimal> terms, int digits) {
        BigDecimal pi = BigDecimal.ZERO;
        for (BigDecimal t : terms) pi = pi.add(t);
        return pi.setScale(digits, RoundingMode.DOWN);
    }

    @Test
    void bbpPiSeriallyAndOnAPoolOfThree() {
        int digits = 1000;
        int terms = digits * 5 / 6 + 10; // each term adds ~1.2 decimal digits
        List<Integer> ks = IntStream.range(0, terms).boxed().toList();
        BigDecimal serial = sum(ks.stream().map(k -> bbpTerm(k, digits)).toList(), digits);
        BigDecimal parallel;
        try (Pool pool = new Pool(3)) {
            parallel = sum(pool.map(k -> bbpTerm(k, digits), ks), digits);
        }
        assertEquals(serial, parallel);
        assertTrue(serial.toPlainString().startsWith(PI_50), serial.toPlainString().substring(0, 60));
        assertEquals(digits + 2, serial.toPlainString().length());
        // the known last digits of π's first 1000 decimals
        assertTrue(serial.toPlainString().endsWith("9216420198" + "9"), serial.toPlainString().substring(990));
    }
}
