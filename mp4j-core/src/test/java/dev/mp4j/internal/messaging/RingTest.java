package dev.mp4j.internal.messaging;

import dev.mp4j.internal.shm.Segment;
import dev.mp4j.internal.sync.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The ring's position arithmetic (wrap markers, jumps back, room) on a small ring, in one process. */
@Timeout(60)
class RingTest {
    private static final long CAPACITY = 1 << 20;

    private static Ring ring() {
        Segment s = Segment.create(Ring.footprint(CAPACITY));
        return Ring.create(s, 0, CAPACITY);
    }

    private static Ring.Payload bytes(byte[] b) {
        return new Ring.Payload() {
            @Override public int length() { return b.length; }
            @Override public void copyTo(MemorySegment mem, long offset) { MemorySegment.copy(b, 0, mem, ValueLayout.JAVA_BYTE, offset, b.length); }
        };
    }

    private static final Ring.Reader<byte[]> COPY = (mem, offset, length) -> {
        byte[] b = new byte[length];
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, offset, b, 0, length);
        return b;
    };

    private static boolean put(Ring r, byte[] b) { return r.put(bytes(b), 0, 0, () -> { }); }

    private static byte[] take(Ring r) { return r.take(COPY, 0, () -> { }, null); }

    private static byte[] item(int size, int seq) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seq);
        if (size >= 4) { b[0] = (byte) seq; b[1] = (byte) (seq >> 8); b[2] = (byte) (seq >> 16); b[3] = (byte) (seq >> 24); }
        return b;
    }

    @Test
    void anEmptiedRingOffersItsWholeCapacityAgain() {
        Ring r = ring();
        for (int i = 0; i < 30; i++) assertTrue(put(r, new byte[10_000]));
        for (int i = 0; i < 30; i++) assertEquals(10_000, take(r).length);
        // 300 KB in and out: now almost the whole megabyte must fit without a consumer
        int fitted = 0;
        while (put(r, item(10_000, fitted))) fitted++;
        assertTrue(fitted >= 100, "only " + fitted + " items fitted after draining");
        for (int i = 0; i < fitted; i++) assertArrayEquals(item(10_000, i), take(r));
        assertNull(take(r));
        assertEquals(0, r.count());
    }

    @Test
    void producersTakingTurnsThroughJumpsAndWrapsKeepOrderAndCounts() {
        // Two Ring objects on one segment are two producers: each keeps its own copy of the producer's fields,
        // valid only while no other put has published since its own (a lone producer then reads W alone).
        Ring a = ring(), b = new Ring(a.segment(), 0);
        Random random = new Random(7);
        var expected = new ArrayDeque<byte[]>();
        int seq = 0;
        for (int round = 0; round < 2_000; round++) {
            int burst = 1 + random.nextInt(5);
            Ring producer = random.nextBoolean() ? a : b;
            for (int i = 0; i < burst; i++) {
                byte[] x = item(1 + random.nextInt(40_000), seq++);
                if (!put(producer, x)) break; // full: the consumer below makes room
                expected.add(x);
            }
            assertEquals(expected.size(), a.count(), "queued count after round " + round);
            int takes = random.nextInt(8);
            for (int i = 0; i < takes && !expected.isEmpty(); i++) assertArrayEquals(expected.poll(), take(random.nextBoolean() ? a : b));
        }
        while (!expected.isEmpty()) assertArrayEquals(expected.poll(), take(a));
        assertNull(take(b));
        assertEquals(0, b.count());
    }

    @Test
    void aBusyRingJumpsBackButKeepsRoomIfConsumersStall() {
        Ring r = ring();
        int seq = 0, taken = 0;
        for (int i = 0; i < 60; i++) assertTrue(put(r, item(10_000, seq++)));
        for (int i = 0; i < 40; i++) assertArrayEquals(item(10_000, taken++), take(r)); // consumers 400 KB in
        // the next puts may jump back to offset 0; with consumers stalled there is still room for what they read
        int fitted = 0;
        while (put(r, item(10_000, seq))) { seq++; fitted++; }
        assertTrue(fitted >= 25, "only " + fitted + " fitted after a jump back");
        while (taken < seq) assertArrayEquals(item(10_000, taken++), take(r));
        assertNull(take(r));
    }

    @Test
    void aProducerFarAheadOfLiveConsumersStaysOnWarmPages() throws Exception {
        Ring r = ring();
        r.paceStallNanos(60_000_000_000L); // a consumer descheduled on a busy machine must not count as stalled here
        int n = 600, size = 8_000;
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(item(size, i), r.take(COPY, Waits.FOREVER, () -> { }, null));
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000); // slower than the producer
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        consumer.start();
        for (int i = 0; i < n; i++) assertTrue(r.put(bytes(item(size, i)), 0, Waits.FOREVER, () -> { }));
        consumer.join();
        assertNull(failure.get());
        // unpaced, the producer runs through the whole megabyte; paced, it keeps within 1/16 of a ring (where it
        // jumps back) plus 1/32 of a ring ahead of the consumer, plus an item or two
        assertTrue(r.touched() < CAPACITY / 4, "touched " + r.touched() + " of " + CAPACITY);
    }

    @Test
    void pacingGivesUpOnStalledConsumersAndCostsNoRoom() {
        Ring r = ring();
        int seq = 0, taken = 0;
        for (int i = 0; i < 10; i++) assertTrue(put(r, item(10_000, seq++)));
        for (int i = 0; i < 5; i++) assertArrayEquals(item(10_000, taken++), take(r)); // consumers moved once
        long t = System.nanoTime();
        int fitted = 0;
        while (r.put(bytes(item(10_000, seq)), 0, Waits.deadline(200_000_000L), () -> { })) { seq++; fitted++; }
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(fitted >= 95, "only " + fitted + " fitted");
        assertTrue(ms < 5_000, "took " + ms + " ms"); // one 2 ms pace, then the final put's 200 ms timeout
        while (taken < seq) assertArrayEquals(item(10_000, taken++), take(r));
        assertNull(take(r));
    }

    @Test
    void fullRingRefusesThenAcceptsAfterATake() {
        Ring r = ring();
        int n = 0;
        while (put(r, item(50_000, n))) n++;
        assertTrue(n >= 19);
        assertFalse(put(r, item(50_000, n)));
        assertArrayEquals(item(50_000, 0), take(r));
        assertTrue(put(r, item(50_000, n)));
        for (int i = 1; i <= n; i++) assertArrayEquals(item(50_000, i), take(r));
        assertThrows(IllegalArgumentException.class, () -> put(r, new byte[(int) CAPACITY]));
    }

    @Test
    void randomSizesAcrossManyLapsStayInOrder() {
        Ring r = ring();
        var rnd = new Random(42);
        var expected = new ArrayDeque<byte[]>();
        int seq = 0;
        for (int step = 0; step < 200_000; step++) {
            boolean doPut = rnd.nextInt(100) < (expected.size() < 5 ? 70 : 50);
            if (doPut) {
                int size = switch (rnd.nextInt(10)) {
                    case 0 -> rnd.nextInt(300_000);
                    case 1, 2 -> rnd.nextInt(20_000);
                    default -> rnd.nextInt(64);
                };
                byte[] b = item(size, seq);
                if (put(r, b)) { expected.add(b); seq++; }
            } else {
                byte[] got = take(r);
                byte[] want = expected.poll();
                if (want == null) assertNull(got); else assertArrayEquals(want, got, "step " + step);
            }
            assertEquals(expected.size(), r.count());
            assertEquals(!expected.isEmpty(), r.readable());
        }
        while (!expected.isEmpty()) assertArrayEquals(expected.poll(), take(r));
        assertFalse(r.readable());
    }

    /**
     * A queue's consumer naps unregistered for its first 200 ms of waiting (so producers make no system call), then
     * registers and sleeps until signalled; an item put in either phase reaches it promptly.
     */
    @Test
    void aQueueConsumerNapsUnregisteredThenSleepsRegisteredAndIsPromptInBoth() throws Exception {
        Ring r = ring().batchConsumers();
        for (long putAfterMs : new long[] {40, 600}) {
            var got = new java.util.concurrent.CompletableFuture<Long>();
            var consumer = Thread.ofPlatform().start(() -> {
                byte[] b = take(r, Waits.FOREVER);
                got.complete(System.nanoTime());
                assertEquals(3, b.length);
            });
            Thread.sleep(putAfterMs / 2);
            if (putAfterMs < 200) assertFalse(r.consumersRegistered(), "registered while it should nap");
            Thread.sleep(putAfterMs / 2);
            if (putAfterMs > 200) assertTrue(r.consumersRegistered(), "still napping after 200 ms");
            long put = System.nanoTime();
            assertTrue(put(r, new byte[3]));
            long latencyMs = (got.get(10, java.util.concurrent.TimeUnit.SECONDS) - put) / 1_000_000;
            consumer.join();
            assertTrue(latencyMs < 100, "item put after " + putAfterMs + " ms reached the consumer " + latencyMs + " ms later");
        }
    }

    private static byte[] take(Ring r, long deadline) { return r.take(COPY, deadline, () -> { }, null); }

    @Test
    void timedWaitsGiveUp() {
        Ring r = ring();
        long t = System.nanoTime();
        assertNull(r.take(COPY, Waits.deadline(100_000_000L), () -> { }, null));
        assertTrue(System.nanoTime() - t >= 90_000_000L);
    }
}
