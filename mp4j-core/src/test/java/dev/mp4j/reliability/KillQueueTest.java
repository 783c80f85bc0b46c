package dev.mp4j.reliability;

import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.QueueEmptyException;
import dev.mp4j.SharedArray;
import dev.mp4j.Value;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 of a random child in the middle of Queue traffic between 2 producers and 2 consumers, all child JVMs.
 *
 * <p>Bookkeeping, all in shared memory so that it survives the victim: each producer writes in {@code acked[p]} the
 * highest sequence number whose {@code put} has returned; each consumer counts every item it got in its own
 * {@code seen[c]} array (one writer per array, so a duplicate cannot hide in a lost update) and announces the item
 * in {@code inFlight[c]} before counting it. Whatever is left when the survivors are done, the parent drains and
 * counts. Then: every acked item was delivered exactly once (a killed consumer may take at most the one item it
 * had got but not yet announced with it), the item being put at the kill at most once, nothing later, nothing
 * corrupted, and the survivors finished their whole share.
 */
@Timeout(120)
class KillQueueTest {
    static final int PER_PRODUCER = 3000;
    static final int ITEMS = 2 * PER_PRODUCER;

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    /** Item {@code seq} of producer {@code p}: its id, then a pattern that depends on both; 8 to ~1 KiB long. */
    static byte[] item(int p, int seq) {
        int id = p * PER_PRODUCER + seq;
        byte[] b = new byte[8 + (seq * 37) % 1000];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(id).putInt(~id);
        for (int i = 8; i < b.length; i++) b[i] = (byte) (id * 131 + i * 7);
        return b;
    }

    /** The item's id, or -1 if it is not exactly what some producer put. */
    static int verify(byte[] b) {
        if (b == null || b.length < 8) return -1;
        var buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int id = buf.getInt(), check = buf.getInt();
        if (check != ~id || id < 0 || id >= ITEMS) return -1;
        byte[] expected = item(id / PER_PRODUCER, id % PER_PRODUCER);
        return java.util.Arrays.equals(b, expected) ? id : -1;
    }

    @Test
    void killedProducer() throws Exception {
        round(true, 0x5eed1L);
    }

    @Test
    void killedConsumer() throws Exception {
        round(false, 0x5eed2L);
    }

    private void round(boolean killProducer, long seed) throws Exception {
        var random = new Random(seed);
        Queue<byte[]> q = new Queue<>(128);
        SharedArray.OfLong acked = SharedArray.ofLongs(new long[] {-1, -1});
        SharedArray.OfByte seen0 = SharedArray.ofBytes(ITEMS), seen1 = SharedArray.ofBytes(ITEMS);
        SharedArray.OfInt inFlight = SharedArray.ofInts(new int[] {-1, -1});
        Value.OfInt consumed = Value.ofInt(0), corrupt = Value.ofInt(0);

        List<Process> producers = new ArrayList<>(), consumers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int me = p;
            producers.add(new Process("producer-" + p, () -> {
                for (int seq = 0; seq < PER_PRODUCER; seq++) {
                    q.put(item(me, seq));
                    acked.set(me, seq);
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            int me = c;
            SharedArray.OfByte seen = c == 0 ? seen0 : seen1;
            consumers.add(new Process("consumer-" + c, () -> {
                for (byte[] b; (b = q.get()) != null; ) {
                    // announce first (the claimed id), verify after: the unannounced window is a few instructions
                    int claimed = b.length >= 4 ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() : -1;
                    inFlight.set(me, claimed);
                    int id = verify(b);
                    if (id < 0) { corrupt.incrementAndGet(); inFlight.set(me, -1); continue; }
                    seen.set(id, (byte) (seen.get(id) + 1));
                    inFlight.set(me, -1);
                    consumed.incrementAndGet();
                }
            }));
        }
        consumers.forEach(Process::start);
        producers.forEach(Process::start);
        try {
            check(killProducer, random, q, acked, seen0, seen1, inFlight, consumed, corrupt, producers, consumers);
        } finally {
            for (Process p : producers) if (p.isAlive()) p.kill();
            for (Process c : consumers) if (c.isAlive()) c.kill();
            for (Process p : producers) { p.join(); p.close(); }
            for (Process c : consumers) { c.join(); c.close(); }
            q.close();
        }
    }

    private void check(boolean killProducer, Random random, Queue<byte[]> q, SharedArray.OfLong acked,
                       SharedArray.OfByte seen0, SharedArray.OfByte seen1, SharedArray.OfInt inFlight,
                       Value.OfInt consumed, Value.OfInt corrupt, List<Process> producers, List<Process> consumers)
            throws Exception {

        // kill at a random point of the traffic: once the victim is between 10% and 70% through its share
        List<Process> group = killProducer ? producers : consumers;
        int victimIndex = random.nextInt(2);
        Process victim = group.get(victimIndex);
        int threshold = PER_PRODUCER / 10 + random.nextInt(PER_PRODUCER * 6 / 10);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((killProducer ? acked.get(victimIndex) + 1 : consumed.get() / 2) < threshold) {
            assertTrue(System.nanoTime() < deadline, "traffic too slow: " + consumed.get() + " items");
            assertTrue(victim.isAlive(), victim.name() + " ended before the kill: " + victim.exitCode());
            Thread.sleep(1);
        }
        Kill.nine(victim.pid());
        assertTrue(victim.join(Duration.ofSeconds(10)));
        assertEquals(-9, victim.exitCode());

        // survivors carry on: the other producers put their whole share, consumers take it
        for (Process p : producers) {
            if (p == victim) continue;
            assertTrue(p.join(Duration.ofSeconds(60)), p.name() + " hangs after the kill");
            assertEquals(0, p.exitCode(), p.name());
        }
        for (Process c : consumers) if (c != victim) q.put(null);
        for (Process c : consumers) {
            if (c == victim) continue;
            assertTrue(c.join(Duration.ofSeconds(60)), c.name() + " hangs after the kill");
            assertEquals(0, c.exitCode(), c.name());
        }
        int[] drained = new int[ITEMS];
        int leftover = 0;
        while (true) {
            byte[] b;
            try {
                b = q.get(Duration.ofMillis(300));
            } catch (QueueEmptyException e) {
                break;
            }
            int id = verify(b);
            if (id < 0) corrupt.incrementAndGet(); else drained[id]++;
            leftover++;
        }

        // the books
        assertEquals(0, corrupt.get(), "corrupted items delivered");
        byte[] s0 = seen0.toArray(), s1 = seen1.toArray();
        int[] inflight = inFlight.toArray();
        int missingAcked = 0, delivered = 0;
        for (int p = 0; p < 2; p++) {
            long ack = acked.get(p);
            boolean wholeShare = !(killProducer && p == victimIndex);
            if (wholeShare) assertEquals(PER_PRODUCER - 1, ack, "producer " + p + " finished");
            for (int seq = 0; seq < PER_PRODUCER; seq++) {
                int id = p * PER_PRODUCER + seq;
                int n = s0[id] + s1[id] + drained[id];
                if (!killProducer && (inflight[victimIndex] == id) && n == 0) n = 1; // got by the victim, then killed
                delivered += n;
                if (seq <= ack) {
                    assertTrue(n <= 1, "item " + id + " delivered " + n + " times");
                    if (n == 0) missingAcked++;
                } else if (seq == ack + 1) {
                    assertTrue(n <= 1, "item " + id + " (in put at the kill) delivered " + n + " times");
                } else {
                    assertEquals(0, n, "item " + id + " was never put, yet delivered");
                }
            }
        }
        // a consumer killed between get() returning and announcing the item takes that one item with it
        assertTrue(missingAcked <= (killProducer ? 0 : 1), missingAcked + " acknowledged items lost");
        System.err.printf("KillQueueTest: killed %s %d items into its share; %d delivered (%d drained by the parent), %d acked lost%n",
            victim.name(), threshold, delivered, leftover, missingAcked);
    }
}
