package dev.mp4j.examples.pools;

import dev.mp4j.Pool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 25. π to 1000, 1500 and 2000 digits by the Bailey–Borwein–Plouffe series in big decimals (Python's
 * {@code decimal} with {@code getcontext().prec = precision}), first serially, then with {@code Pool(3)}
 * computing the three at once: the same digits, sooner. The arguments replace the three precisions.
 */
public final class BbpPi {
    static BigDecimal pi(int precision) {
        var mc = new MathContext(precision);
        var sum = BigDecimal.ZERO;
        var sixteenToK = BigDecimal.ONE;
        for (int k = 0; k < precision; k++) {
            var term = new BigDecimal(4).divide(BigDecimal.valueOf(8L * k + 1), mc)
                .subtract(new BigDecimal(2).divide(BigDecimal.valueOf(8L * k + 4), mc))
                .subtract(BigDecimal.ONE.divide(BigDecimal.valueOf(8L * k + 5), mc))
                .subtract(BigDecimal.ONE.divide(BigDecimal.valueOf(8L * k + 6), mc));
            sum = sum.add(term.divide(sixteenToK, mc), mc);
            sixteenToK = sixteenToK.multiply(BigDecimal.valueOf(16));
        }
        return sum;
    }

    public static void main(String[] args) {
        List<Integer> values = args.length > 0
            ? Arrays.stream(args).map(Integer::parseInt).toList()
            : List.of(1000, 1500, 2000);

        long start = System.nanoTime();
        for (int precision : values) System.out.println(pi(precision));
        System.out.printf("serial: %.2f s%n", (System.nanoTime() - start) / 1e9);

        start = System.nanoTime();
        try (var pool = new Pool(3)) {
            List<BigDecimal> data = pool.map(BbpPi::pi, values);
            for (var value : data) System.out.println(value);
        }
        System.out.printf("Pool(3): %.2f s%n", (System.nanoTime() - start) / 1e9);
    }
}
