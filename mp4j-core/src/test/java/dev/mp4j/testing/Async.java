package dev.mp4j.testing;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs test helpers on their own platform threads: the common pool has a single worker on a 2-core machine,
 * so two blocking helpers there would wait on each other.
 */
public final class Async {
    private Async() {}

    public static <T> CompletableFuture<T> supply(Supplier<T> body) {
        var f = new CompletableFuture<T>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    public static CompletableFuture<Void> run(Runnable body) {
        return supply(() -> { body.run(); return null; });
    }
}
