package dev.mp4j.internal.codec;

import dev.mp4j.SerializableRunnable;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** A process target's form: run directly where it can be, the same lambda again when serialized. */
class LambdasTest {
    static final AtomicInteger RAN = new AtomicInteger();

    static void bump() { RAN.incrementAndGet(); }

    static void add(int n) { RAN.addAndGet(n); }

    record Adder(int n) implements Serializable {
        void add() { RAN.addAndGet(n); }
    }

    static final class Bumps implements Serializable {
        Bumps() { RAN.incrementAndGet(); }
    }

    private static Object roundTrip(SerializableRunnable r) throws Exception {
        return Lambdas.decodeRunnable(ByteBuffer.wrap(Lambdas.encode(r)));
    }

    @Test
    void everyKindOfTargetIsCalledDirectlyAndRunsOnce() throws Exception {
        int n = 5;
        SerializableRunnable[] targets = {LambdasTest::bump, () -> add(n), new Adder(7)::add, Bumps::new};
        int[] expected = {1, 5, 7, 1};
        for (int i = 0; i < targets.length; i++) {
            Object decoded = roundTrip(targets[i]);
            assertInstanceOf(DirectRunnable.class, decoded, "target " + i);
            int before = RAN.get();
            ((SerializableRunnable) decoded).run();
            assertEquals(expected[i], RAN.get() - before, "target " + i);
        }
    }

    /** The hand-made form of a training run is byte for byte what a real lambda of that method encodes to. */
    @Test
    void aStaticCallFormIsWhatTheLambdaEncodesTo() throws Exception {
        assertArrayEquals(Lambdas.encode((SerializableRunnable) LambdasTest::bump),
            Lambdas.encodeStaticRunnable(LambdasTest.class, "bump", "()V"));
        int four = 4;
        SerializableRunnable capturing = () -> add(four);
        String implementation = (String) Lambdas.form(capturing).get(6); // javac's name for the lambda's body
        assertArrayEquals(Lambdas.encode(capturing), Lambdas.encodeStaticRunnable(LambdasTest.class, implementation, "(I)V", 4));
        Object decoded = Lambdas.decodeRunnable(ByteBuffer.wrap(Lambdas.encodeStaticRunnable(LambdasTest.class, "add", "(I)V", 6)));
        int before = RAN.get();
        ((SerializableRunnable) decoded).run();
        assertEquals(6, RAN.get() - before);
    }

    @Test
    void serializedAgainItIsTheLambda() throws Exception {
        Object decoded = roundTrip(() -> add(3));
        Object again = Codec.decode(Codec.encode(decoded));
        assertFalse(again instanceof DirectRunnable);
        int before = RAN.get();
        ((SerializableRunnable) again).run();
        assertEquals(3, RAN.get() - before);
    }

    @Test
    void exceptionsComeOutUnwrapped() throws Exception {
        Object decoded = roundTrip(() -> { throw new java.io.IOException("io"); });
        var e = assertThrows(java.io.IOException.class, ((SerializableRunnable) decoded)::run);
        assertEquals("io", e.getMessage());
    }

    @Test
    void notALambdaDecodesAsItself() throws Exception {
        assertInstanceOf(Plain.class, roundTrip(new Plain()));
    }

    static final class Plain implements SerializableRunnable {
        @Override public void run() { }
    }
}
