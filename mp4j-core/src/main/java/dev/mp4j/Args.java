package dev.mp4j;

import java.io.Serializable;

/**
 * Argument tuples for {@link Pool#starmap}: Python's {@code pool.starmap(f, [(a, b), (c, d)])} is
 * {@code pool.starmap(f, List.of(Args.of(a, b), Args.of(c, d)))}.
 */
public final class Args {
    private Args() {}

    /** A pair of arguments, Python's {@code (a, b)}. */
    public record Two<A, B>(A first, B second) implements Serializable {}

    /** A triple of arguments, Python's {@code (a, b, c)}. */
    public record Three<A, B, C>(A first, B second, C third) implements Serializable {}

    public static <A, B> Two<A, B> of(A first, B second) { return new Two<>(first, second); }

    public static <A, B, C> Three<A, B, C> of(A first, B second, C third) { return new Three<>(first, second, third); }
}
