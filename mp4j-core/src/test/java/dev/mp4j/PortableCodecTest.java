package dev.mp4j;

import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Queues in a process's target or a pool task travel in mp4j's own form, for local readers only. */
@Timeout(60)
class PortableCodecTest {
    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void localEncodingKeepsQueuesOutOfJavaSerialization() {
        var queue = new Queue<Integer>();
        var simple = new SimpleQueue<Integer>();
        var joinable = new JoinableQueue<Integer>();
        List<Object> value = List.of(1, queue, List.of(simple, joinable), "x");
        byte[] local = Codec.encodeLocal(value);
        byte[] plain = Codec.encode(value);
        assertNotEquals(0x7F, local[0] & 0xFF, "local form is a fast-path list");
        assertEquals(0x7F, plain[0] & 0xFF, "the ordinary form still goes through Java serialization");
        for (byte[] bytes : List.of(local, plain)) {
            List<?> back = (List<?>) Codec.decode(bytes);
            assertSame(queue, back.get(1), "in the process that made it, a queue decodes to itself");
            assertSame(simple, ((List<?>) back.get(2)).get(0));
            assertSame(joinable, ((List<?>) back.get(2)).get(1));
        }
        queue.close();
        simple.close();
        joinable.close();
    }

    /** A pipe end's copy in flight is a pending hold: a form made and then not sent must not keep the end open. */
    @Test
    void aPipeEndWhoseLocalFormIsAbandonedDoesNotStayHeld() {
        Pipe<Object> pipe = Pipe.open(false);
        // the AtomicInteger has no fast path: the whole value goes through Java serialization after all
        byte[] bytes = Codec.encodeLocal(List.of(pipe.right(), new java.util.concurrent.atomic.AtomicInteger(1)));
        assertEquals(0x7F, bytes[0] & 0xFF);
        Connection<?> copy = (Connection<?>) ((List<?>) Codec.decode(bytes)).get(0);
        copy.close();
        pipe.right().close();
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
            () -> assertThrows(ConnectionClosedException.class, () -> pipe.left().recv()),
            "the reader saw no end-of-stream: a copy of the write end is still held");
        pipe.left().close();
    }

    @Test
    void aPoolWorkerWithALambdaInitializerStartsWithoutJavaSerialization(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var log = dir.resolve("classes.log");
        var marks = new Queue<String>();
        try (var pool = Pool.builder().processes(1).initializer(() -> marks.put("initialized"))
                .context(Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log)).build()) {
            assertEquals(42, pool.apply(() -> 42));
        }
        assertEquals("initialized", marks.get(java.time.Duration.ofSeconds(30)));
        var lines = java.nio.file.Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.pool.WorkerMain ")), "log written");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("java.io.ObjectInputStream ")).toList(),
            "the worker read its start-up through ObjectInputStream");
        marks.close();
    }

    /** Every Value and SharedArray type comes back as a view of the same shared memory, with the same lock. */
    @Test
    void valuesAndArraysTravelInTheirOwnForm() {
        List<Object> all = List.of(Value.ofInt(1), Value.ofLong(2), Value.ofDouble(3), Value.ofFloat(4), Value.ofShort((short) 5),
            Value.ofByte((byte) 6), Value.ofChar('7'), Value.ofBoolean(true), Value.ofInt(8, false),
            SharedArray.ofInts(2), SharedArray.ofLongs(2), SharedArray.ofDoubles(2), SharedArray.ofBytes(2));
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) Codec.decode(ByteBuffer.wrap(Codec.encodeLocal(all)), Limits.NONE);
        assertEquals(all.size(), back.size());
        for (int i = 0; i < all.size(); i++) assertSame(all.get(i).getClass(), back.get(i).getClass(), "type of " + all.get(i));
        ((Value.OfInt) back.get(0)).set(11);
        assertEquals(11, ((Value.OfInt) all.get(0)).get());
        ((Value.OfChar) back.get(6)).set('x');
        assertEquals('x', ((Value.OfChar) all.get(6)).get());
        ((Value.OfInt) back.get(8)).set(12);
        assertEquals(12, ((Value.OfInt) all.get(8)).get());
        assertThrows(UnsupportedOperationException.class, () -> ((Value.OfInt) back.get(8)).getLock(), "a raw value stays raw");
        ((SharedArray.OfLong) back.get(10)).set(1, 99L);
        assertEquals(99L, ((SharedArray.OfLong) all.get(10)).get(1));
        assertEquals(2, ((SharedArray.OfByte) back.get(12)).length());
        var lock = ((Value.OfDouble) all.get(2)).getLock();
        lock.acquire();
        try {
            var other = new java.util.concurrent.atomic.AtomicBoolean();
            var t = Thread.ofPlatform().start(() -> other.set(((Value.OfDouble) back.get(2)).getLock().tryAcquire()));
            assertDoesNotThrow(() -> t.join());
            assertFalse(other.get(), "the copy's lock is the same lock");
        } finally {
            lock.release();
        }
    }

    /** A condition and a barrier come back over the same shared words; a barrier keeps its parties and default timeout. */
    @Test
    void conditionsAndBarriersTravelInTheirOwnForm() {
        var lock = new RLock();
        var condition = new Condition(lock);
        var barrier = new Barrier(3, null, java.time.Duration.ofMillis(1500));
        var plain = new Barrier(1);
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) Codec.decode(ByteBuffer.wrap(Codec.encodeLocal(List.of(condition, barrier, plain))), Limits.NONE);
        var c2 = (Condition) back.get(0);
        var b2 = (Barrier) back.get(1);
        c2.acquire();
        try {
            assertTrue(lock.isHeldByCurrentThread(), "the copy's lock is the original's");
        } finally {
            c2.release();
        }
        assertEquals(3, b2.parties());
        long t = System.nanoTime();
        assertThrows(BarrierBrokenException.class, b2::await, "the default timeout came along");
        assertTrue(System.nanoTime() - t >= 1_000_000_000L, "waited the default timeout");
        assertTrue(barrier.isBroken(), "the copy's barrier is the original's");
        assertEquals(0, ((Barrier) back.get(2)).await());
    }

    @Test
    void networkReadersRefuseTheLocalForm() {
        var queue = new Queue<Integer>();
        byte[] local = Codec.encodeLocal(List.of(queue));
        var e = assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(local), Limits.network()));
        assertTrue(e.getMessage().contains("network peer"), e.getMessage());
        queue.close();
    }

    @Test
    void aPoolTaskCapturingAQueueReachesTheWorkersQueue() throws Exception {
        var queue = new Queue<String>();
        try (var pool = new Pool(1)) {
            assertEquals(3, pool.apply(() -> { queue.put("from the worker"); return 3; }));
        }
        assertEquals("from the worker", queue.get(java.time.Duration.ofSeconds(30)));
        queue.close();
    }
}
