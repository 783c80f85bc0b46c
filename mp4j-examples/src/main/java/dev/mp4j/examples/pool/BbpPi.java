package dev.mp4j.examples.pool;

import dev.mp4j.Pool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Seed 25. π to 1000, 1500 and 2000 digits with the Bailey–Borwein–Plouffe series, serially and then on Pool(3):
 * the same digits, faster. Python uses {@code decimal} with {@code getcontext().prec = digits}.
 */
public final class BbpPi {
    /** One term: 16^-k (4/(8k+1) - 2/(8k+4) - 1/(8k+5) - 1/(8k+6)). */
    static BigDecimal term(int k, int digits) {
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

    public static void main(String[] args) {
        List<Integer> sizes = args.length > 0 ? IntStream.of(java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()).boxed().toList()
            : List.of(1000, 1500, 2000);
        try (Pool pool = new Pool(3)) {
            for (int digits : sizes) {
                List<Integer> ks = IntStream.range(0, digits * 5 / 6 + 10).boxed().toList();
                long t0 = System.nanoTime();
                BigDecimal serial = sum(ks.stream().map(k -> term(k, digits)).toList(), digits);
                long t1 = System.nanoTime();
                BigDecimal parallel = sum(pool.map(k -> term(k, digits), ks), digits);
                long t2 = System.nanoTime();
                System.out.printf("%d digits: serial %.3f s, Pool(3) %.3f s, same result: %s%n", digits,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, serial.equals(parallel));
                System.out.println(serial.toPlainString().substring(0, 52) + "...");
            }
        }
    }
}
