package dev.mp4j.internal.pool;

import dev.mp4j.Args;
import dev.mp4j.SerializableBiFunction;
import dev.mp4j.SerializableCallable;
import dev.mp4j.SerializableFunction;
import dev.mp4j.SerializableTriFunction;

import java.io.Serial;

/** Small serializable adapters: starmap's unpacking and ExecutorService's Runnables. */
public final class Calls {
    private Calls() {}

    public record StarTwo<A, B, R>(SerializableBiFunction<? super A, ? super B, ? extends R> f)
            implements SerializableFunction<Args.Two<A, B>, R> {
        @Serial private static final long serialVersionUID = 1L;
        @Override public R apply(Args.Two<A, B> a) throws Exception { return f.apply(a.first(), a.second()); }
    }

    public record StarThree<A, B, C, R>(SerializableTriFunction<? super A, ? super B, ? super C, ? extends R> f)
            implements SerializableFunction<Args.Three<A, B, C>, R> {
        @Serial private static final long serialVersionUID = 1L;
        @Override public R apply(Args.Three<A, B, C> a) throws Exception { return f.apply(a.first(), a.second(), a.third()); }
    }

    public record RunThenReturn<T>(Runnable task, T result) implements SerializableCallable<T> {
        @Serial private static final long serialVersionUID = 1L;
        @Override public T call() { task.run(); return result; }
    }
}
