package dev.mp4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing (Jazzer, libFuzzer's engine) of the codec's decoder as it runs on bytes from a network
 * peer: {@link Codec#decode(ByteBuffer, Limits)} under {@link Limits#network()} and the serial filter of
 * {@link FuzzContract}. Seeds: valid encodings of every fast-path type and a few serialized objects
 * ({@code src/test/resources/dev/mp4j/fuzz/CodecFuzzTestInputs/codec}). {@code mvn verify} fuzzes it for
 * {@value #SECONDS} in a JVM of its own (JAZZER_FUZZ=1); without JAZZER_FUZZ it replays the seeds and any
 * findings saved beside them.
 */
class CodecFuzzTest {
    static final String SECONDS = "20s";

    @BeforeAll
    static void contract() {
        FuzzContract.install();
    }

    @FuzzTest(maxDuration = SECONDS)
    void codec(byte[] input) {
        FuzzContract.check(input, () -> Codec.decode(ByteBuffer.wrap(input), Limits.network()));
    }

    @AfterAll
    static void report() {
        System.err.println("CodecFuzzTest: " + FuzzContract.report("codec"));
    }
}
