package dev.mp4j.examples.pool;

import dev.mp4j.Pool;

import java.util.List;
import java.util.stream.IntStream;

/** A progress bar over {@code imap}, what Python users do with {@code tqdm(pool.imap(f, xs), total=len(xs))}. */
public final class ProgressBar {
    static int slowSquare(int x) throws InterruptedException {
        Thread.sleep(20);
        return x * x;
    }

    public static void main(String[] args) {
        List<Integer> xs = IntStream.range(0, 100).boxed().toList();
        long sum = 0;
        try (Pool pool = new Pool()) {
            var results = pool.imap(ProgressBar::slowSquare, xs, 1, (done, total) -> {
                int width = 40, filled = (int) (width * done / Math.max(1, total));
                System.err.printf("\r[%s%s] %d/%d", "#".repeat(filled), " ".repeat(width - filled), done, total);
            });
            for (int r : results) sum += r;
        }
        System.err.println();
        System.out.println("sum of squares: " + sum);
    }
}
