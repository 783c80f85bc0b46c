package dev.mp4j.internal.shm;

import dev.mp4j.Lock;
import dev.mp4j.Pipe;
import dev.mp4j.Queue;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Lambdas;
import org.junit.jupiter.api.Test;

import java.io.Serializable;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The launcher's hint that a child is handed shared memory (it then gets the full AOT cache): counted whenever a
 * segment is serialized, in mp4j's own form or through Java serialization, and only then.
 */
class SegmentsWrittenTest {

    record Holder(String label, Lock lock) implements Serializable {}

    private static long written(Runnable encode) {
        long before = Segment.writtenByThisThread();
        encode.run();
        return Segment.writtenByThisThread() - before;
    }

    @Test
    void countsSegmentsInEitherFormAndNothingElse() {
        String text = "no shared memory here";
        SerializableRunnable plain = () -> System.out.println(text);
        assertEquals(0, written(() -> Lambdas.encode(plain)));
        assertEquals(0, written(() -> Codec.encode(new java.util.ArrayList<>(java.util.List.of(1, "two")))));

        var queue = new Queue<String>();
        var lock = new Lock();
        Pipe<String> pipe = Pipe.open(true);
        try {
            SerializableRunnable sharing = () -> queue.put(text);
            assertTrue(written(() -> Lambdas.encode(sharing)) > 0, "a queue captured by a lambda");
            assertTrue(written(() -> Codec.encode(new Holder("java-serialized", lock))) > 0, "a lock inside a record");
            SerializableRunnable piping = () -> pipe.left().send(text);
            assertTrue(written(() -> Lambdas.encode(piping)) > 0, "a connection");
        } finally {
            queue.close();
            pipe.left().close();
            pipe.right().close();
        }
    }
}
