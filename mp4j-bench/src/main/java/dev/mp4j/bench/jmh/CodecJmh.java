package dev.mp4j.bench.jmh;

import dev.mp4j.internal.codec.Codec;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's round trip (encode + decode) on what crosses processes most: a boxed int and a short string (fast
 * paths), a list of 100 ints (fast path), a record (Java serialization). Run:
 * {@code java -cp <bench class path> org.openjdk.jmh.Main CodecJmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecJmh {
    record Point(int x, int y, String label) implements Serializable {}

    private final Integer boxed = 123_456;
    private final String text = "hello from a child process";
    private final List<Integer> ints = IntStream.range(0, 100).boxed().toList();
    private final Point point = new Point(3, 4, "p");

    @Benchmark
    public Object boxedInt() {
        return Codec.decode(Codec.encode(boxed));
    }

    @Benchmark
    public Object shortString() {
        return Codec.decode(Codec.encode(text));
    }

    @Benchmark
    public Object listOf100Ints() {
        return Codec.decode(Codec.encode(ints));
    }

    @Benchmark
    public Object recordThroughJavaSerialization() {
        return Codec.decode(Codec.encode(point));
    }
}
