package dev.mp4j.bench.sync;

import dev.mp4j.Lock;
import dev.mp4j.RLock;
import dev.mp4j.Value;
import java.util.concurrent.TimeUnit;
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
 * JMH figures for the uncontended paths (Python: 83 ns per Lock acquire+release on this machine). Run:
 * {@code java -cp <bench class path> org.openjdk.jmh.Main LockJmh -jvmArgsAppend --enable-native-access=ALL-UNNAMED}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockJmh {
    private final Lock lock = new Lock();
    private final RLock rlock = new RLock();
    private final Value.OfInt value = Value.ofInt(0);

    @Benchmark
    public void lockAcquireRelease() {
        lock.acquire();
        lock.release();
    }

    @Benchmark
    public void rlockAcquireRelease() {
        rlock.acquire();
        rlock.release();
    }

    /** Python's {@code with v.get_lock(): v.value += 1}, uncontended. */
    @Benchmark
    public int valueLockedIncrement() {
        RLock l = value.getLock();
        l.acquire();
        try {
            int next = value.get() + 1;
            value.set(next);
            return next;
        } finally {
            l.release();
        }
    }

    @Benchmark
    public int valueAtomicIncrement() {
        return value.incrementAndGet();
    }
}
