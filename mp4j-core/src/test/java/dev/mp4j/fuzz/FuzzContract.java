package dev.mp4j.fuzz;

import dev.mp4j.Mp4jException;

import java.io.ObjectInputFilter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every fuzz target asserts, and what it counts. The contract for bytes from a network peer: they decode, or
 * they are refused with an {@link Mp4jException} (a subclass such as {@code AuthenticationException} or
 * {@code ConnectionClosedException} included); never another exception, never an error (no
 * {@link OutOfMemoryError}, no {@link StackOverflowError}), never an input that takes seconds; and the Java
 * deserializer is never reached before authentication.
 *
 * <p>The fuzzing JVM runs under a JVM-wide serial filter, as a deployment that follows the README's security note
 * would: classes of the JDK and of mp4j only. Bytes of a peer are decoded under the network
 * {@code dev.mp4j.internal.codec.Limits}. That filter also counts every call: a call while
 * {@link #preAuth} is set means something was deserialized before the handshake was over.
 */
final class FuzzContract {
    private FuzzContract() {}

    /** Set while bytes of a peer that has not authenticated are being read. */
    static final AtomicBoolean preAuth = new AtomicBoolean();
    static final LongAdder filterCalls = new LongAdder(), preAuthFilterCalls = new LongAdder();
    static final AtomicLong inputs = new AtomicLong(), accepted = new AtomicLong(), refused = new AtomicLong();
    static final Map<String, Integer> reasons = new ConcurrentHashMap<>();
    static final long SLOW_NANOS = 5_000_000_000L;

    static {
        ObjectInputFilter allow = ObjectInputFilter.Config.createFilter("java.**;javax.**;dev.mp4j.**;!*");
        ObjectInputFilter.Config.setSerialFilter(info -> {
            filterCalls.increment();
            if (preAuth.get()) preAuthFilterCalls.increment();
            return allow.checkInput(info);
        });
    }

    /** Loads this class (and so the filter) before the fuzzer's first input. */
    static void install() {}

    static void refusedFor(Mp4jException e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        reasons.merge(m.replaceAll("[0-9]+", "N").replaceAll("(.{60}).*", "$1"), 1, Integer::sum);
    }

    /** Runs one input through {@code target}; anything but a decode or an {@link Mp4jException} breaks the contract. */
    static void check(byte[] input, Runnable target) {
        inputs.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            target.run();
            accepted.incrementAndGet();
        } catch (Mp4jException e) {
            refused.incrementAndGet();
            refusedFor(e);
        } catch (Throwable t) {
            throw new AssertionError("contract broken by " + t + " for input " + hex(input), t);
        }
        long took = System.nanoTime() - t0;
        if (took > SLOW_NANOS) throw new AssertionError("input took " + took / 1_000_000 + " ms: " + hex(input));
        if (preAuthFilterCalls.sum() > 0)
            throw new AssertionError("the deserializer ran before authentication, for input " + hex(input));
    }

    static String hex(byte[] input) {
        return input.length > 256 ? HexFormat.of().formatHex(input, 0, 256) + "... (" + input.length + " bytes)"
            : HexFormat.of().formatHex(input);
    }

    /** The figures, for the test report; fails if fuzzing was switched on but hardly ran. */
    static String report(String target) {
        var top = new TreeMap<String, Integer>(reasons);
        String s = String.format("%s: %d inputs, %d accepted, %d refused with an Mp4jException (%d distinct reasons),"
                + " serial filter consulted %d times, %d of them before authentication",
            target, inputs.get(), accepted.get(), refused.get(), top.size(), filterCalls.sum(), preAuthFilterCalls.sum());
        if (System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty() && inputs.get() < 1000)
            throw new AssertionError("fuzzing was on but only " + inputs.get() + " inputs ran: " + s);
        return s;
    }
}
