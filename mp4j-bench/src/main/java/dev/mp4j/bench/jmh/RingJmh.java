package dev.mp4j.bench.jmh;

import dev.mp4j.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shared-memory ring under Queue, uncontended and in one thread: put then get of a small item and of a
 * 64 KiB byte array (locks, journaled publish, codec, copy in and out; no wake-up). Run:
 * {@code java -cp <bench class path> org.openjdk.jmh.Main RingJmh -jvmArgsAppend --enable-native-access=ALL-UNNAMED}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingJmh {
    private final Queue<Object> queue = new Queue<>();
    private final Integer small = 42;
    private final byte[] block = new byte[64 * 1024];

    @Benchmark
    public Object putGetSmall() {
        queue.put(small);
        return queue.get();
    }

    @Benchmark
    public Object putGet64KiB() {
        queue.put(block);
        return queue.get();
    }

    @TearDown
    public void close() {
        queue.close();
    }
}
