package dev.mp4j.reliability;

import dev.mp4j.Listener;
import dev.mp4j.Mp4jException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A bounded, reproducible fuzzer for the two parsers a network peer reaches: the codec (after authentication) and
 * the handshake (before it), through a real {@link Listener}. Fixed seed, random bytes plus structure-aware
 * mutations of valid encodings (bit flips, interesting integers over length fields, truncation, insertion,
 * deletion, splicing), bounded by an iteration count and a time budget. Every input must decode or be refused with
 * an {@link Mp4jException}: no other exception, no error, no input taking more than a second. The coverage-guided
 * fuzzing (Jazzer) is in {@code dev.mp4j.fuzz}; this one stays as a quick, deterministic smoke run, with the
 * regression tests for what fuzzing found (memory bombs).
 */
@Timeout(120)
class FuzzTest {
    static final long SEED = 0xF022_5EEDL;
    static final int CODEC_ITERATIONS = Integer.getInteger("mp4j.test.fuzzIterations", 50_000);
    static final long CODEC_BUDGET_NANOS = Long.getLong("mp4j.test.fuzzSeconds", 4) * 1_000_000_000L;
    static final int[] INTERESTING = {0, 1, -1, 127, 128, 255, 256, 0x7fff, 0xffff, 1 << 16, 1 << 24, (1 << 24) + 1,
        0x7fff_ffff, 0x8000_0000, 0x7fff_fff0, 64 << 20};

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    record Point(int x, String label) implements java.io.Serializable {}

    static List<byte[]> corpus() {
        var map = new LinkedHashMap<String, Object>();
        map.put("a", 1);
        map.put("b", List.of(2.5, "c"));
        var hash = new HashMap<Integer, Object>(Map.of(1, new int[] {1, 2}, 2, new long[] {3}));
        List<Object> values = new ArrayList<>(List.of(42, 7L, 2.5, 1.5f, (short) 3, (byte) 4, 'c', true, "text", "ünïcödé",
            new byte[] {1, 2, 3}, new short[] {1}, new char[] {'x'}, new int[] {1, 2, 3}, new long[] {4},
            new float[] {1f}, new double[] {2.0}, new boolean[] {true, false}, List.of(1, "two", 3.0),
            new ArrayList<>(List.of(List.of(), List.of(List.of(1)))), map, hash, Map.of("k", "v"),
            new Point(3, "p"), new TreeMap<>(Map.of(1, "one")), new java.util.Date(0), new Object[] {1, "x", null},
            java.time.Duration.ofSeconds(5), new IllegalStateException("boom")));
        values.add(null);
        var out = new ArrayList<byte[]>();
        for (Object v : values) out.add(Codec.encode(v));
        return out;
    }

    static byte[] mutate(Random r, byte[] in, List<byte[]> corpus) {
        byte[] b = in.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(8)) {
                case 0 -> { if (b.length > 0) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); }
                case 1 -> { if (b.length > 0) b[r.nextInt(b.length)] = (byte) INTERESTING[r.nextInt(INTERESTING.length)]; }
                case 2 -> { // an interesting int over what may be a length field
                    if (b.length >= 4) {
                        int at = r.nextInt(b.length - 3);
                        ByteBuffer.wrap(b, at, 4).order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                            .putInt(INTERESTING[r.nextInt(INTERESTING.length)]);
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
                case 4 -> { // insert random bytes
                    int at = r.nextInt(b.length + 1), n = 1 + r.nextInt(8);
                    byte[] ins = new byte[n];
                    r.nextBytes(ins);
                    b = RawPeer.concat(java.util.Arrays.copyOf(b, at), ins, java.util.Arrays.copyOfRange(b, at, b.length));
                }
                case 5 -> { // delete a range
                    if (b.length > 1) {
                        int at = r.nextInt(b.length), n = 1 + r.nextInt(Math.min(16, b.length - at));
                        b = RawPeer.concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + n, b.length));
                    }
                }
                case 6 -> { // splice with another entry
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    int cut = r.nextInt(b.length + 1), from = r.nextInt(other.length + 1);
                    b = RawPeer.concat(java.util.Arrays.copyOf(b, cut), java.util.Arrays.copyOfRange(other, from, other.length));
                }
                default -> { if (b.length > 0) b[0] = (byte) r.nextInt(40); } // another tag
            }
        }
        return b;
    }

    @Test
    void codecRefusesEveryMalformedMessageWithAnMp4jException() {
        var r = new Random(SEED);
        List<byte[]> corpus = corpus();
        Limits limits = Limits.network();
        for (byte[] good : corpus) Codec.decode(ByteBuffer.wrap(good), limits); // the seeds themselves are valid
        int decoded = 0, refused = 0, iterations = 0;
        var reasons = new TreeMap<String, Integer>();
        long t0 = System.nanoTime();
        for (; iterations < CODEC_ITERATIONS && System.nanoTime() - t0 < CODEC_BUDGET_NANOS; iterations++) {
            byte[] input;
            if (iterations % 10 == 0) {
                input = new byte[r.nextInt(64)];
                r.nextBytes(input);
            } else {
                input = mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            }
            long s = System.nanoTime();
            try {
                Codec.decode(ByteBuffer.wrap(input), limits);
                decoded++;
            } catch (Mp4jException e) {
                refused++;
                String m = String.valueOf(e.getMessage());
                reasons.merge(m.replaceAll("[0-9]+", "N").replaceAll("(.{50}).*", "$1"), 1, Integer::sum);
            } catch (Throwable t) {
                fail("iteration " + iterations + ": " + t + " for input " + HexFormat.of().formatHex(input), t);
            }
            long ms = (System.nanoTime() - s) / 1_000_000;
            assertTrue(ms < 1000, "iteration " + iterations + " took " + ms + " ms: " + HexFormat.of().formatHex(input));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(iterations >= 10_000, "only " + iterations + " inputs in " + ms + " ms");
        assertTrue(refused > iterations / 2 && decoded > 0, "the fuzzer is not reaching both outcomes");
        System.err.printf("FuzzTest: codec: %d inputs in %d ms, %d decoded, %d refused with an Mp4jException (%d distinct reasons)%n",
            iterations, ms, decoded, refused, reasons.size());
    }

    /** Nested Object[] whose lengths claim 16 M elements each: the JDK allocates each array before its elements. */
    static byte[] nestedArrayBomb(int depth) throws java.io.IOException {
        Object o = new Object[0];
        for (int i = 0; i < depth; i++) o = new Object[] {o, null};
        byte[] b = HostileInputTest.serialized(o);
        int patched = 0;
        for (int i = 0; i + 4 < b.length; i++) { // every array length 2 becomes 0x00fffff0
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 2) {
                b[i + 1] = (byte) 0xff; b[i + 2] = (byte) 0xff; b[i + 3] = (byte) 0xf0;
                patched++;
            }
        }
        assertEquals(depth, patched);
        return b;
    }

    @Test
    void aFewHundredBytesCannotMakeTheDeserializerAllocateGigabytes() throws Exception {
        // found while looking into why the fuzzing JVM grew to 1 GB: 50 levels took ~3 GB (OutOfMemoryError at -Xmx1g)
        byte[] bomb = nestedArrayBomb(99);
        assertTrue(bomb.length < 2000, bomb.length + " bytes");
        long t0 = System.nanoTime(), allocated0 = allocated();
        var e = assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(bomb), Limits.network()));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertTrue(allocated() - allocated0 < 64 << 20, "decoding allocated " + ((allocated() - allocated0) >> 20) + " MB");
        assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
    }

    @Test
    void nestedFastPathListsCannotEachClaimTheWholeMessage() {
        // ARRAY_LIST (tag 20) claiming as many elements as there are bytes left, 99 deep, then bytes of no known tag
        int depth = 99, size = 8 << 20;
        var b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(b.array(), (byte) 0x55);
        for (int i = 0; i < depth; i++) b.put((byte) 20).putInt(size - b.position() - 4);
        long allocated0 = allocated();
        var e = assertThrows(Mp4jException.class, () -> Codec.decode(b.clear(), Limits.network()));
        long mb = (allocated() - allocated0) >> 20;
        assertFalse(e.getMessage().contains("OutOfMemory"), e.getMessage());
        assertTrue(mb < 64, "decoding allocated " + mb + " MB"); // sized eagerly: 99 x 32 MB
    }

    /** Bytes this thread has allocated so far (through reflection: the test module does not read java.management). */
    static long allocated() {
        try {
            Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class)
                .invoke(threads, Thread.currentThread().threadId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void genuineLargeMessagesStillDecodeUnderTheArrayBudget() {
        var big = new ArrayList<Object>();
        big.add(new Object[400_000]); // nulls: one byte each in the stream, 4-8 bytes each in memory (each counts against maxrefs)
        var map = new HashMap<Integer, Integer>();
        for (int i = 0; i < 200_000; i++) map.put(i, i % 7);
        big.add(map);
        big.add(new long[300_000]);
        var point = new Point(1, "x");
        big.add(point);
        Object[] wrapper = {big}; // an Object[] goes through Java serialization
        byte[] bytes = Codec.encode(new java.util.concurrent.atomic.AtomicReference<>(wrapper));
        Object back = Codec.decode(ByteBuffer.wrap(bytes), Limits.network());
        @SuppressWarnings("unchecked") var ref = (java.util.concurrent.atomic.AtomicReference<Object[]>) back;
        List<?> got = (List<?>) ref.get()[0];
        assertEquals(400_000, ((Object[]) got.get(0)).length);
        assertEquals(map, got.get(1));
        assertEquals(300_000, ((long[]) got.get(2)).length);
        assertEquals(point, got.get(3));
    }

    @Test
    void handshakeRefusesEveryMutatedTranscript() throws Exception {
        var r = new Random(SEED + 1);
        byte[] key = "fuzz-key".getBytes();
        byte[] hello = RawPeer.frame(RawPeer.hello(true));
        List<byte[]> corpus = List.of(hello, RawPeer.concat(hello, RawPeer.frame(new byte[32])),
            RawPeer.concat(hello, RawPeer.frame(new byte[32]), RawPeer.frame(new byte[32]), RawPeer.frame(RawPeer.OK)));
        int n = 400;
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), key)) {
            for (int i = 0; i < n; i++) {
                byte[] input = mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
                String verdict = HostileInputTest.attack(listener, key, false, input);
                assertTrue(verdict.startsWith("accept threw ") && !verdict.contains("non-mp4j"),
                    "input " + HexFormat.of().formatHex(input) + ": " + verdict);
                if (i % 50 == 49) HostileInputTest.goodClientServed(listener, key, i);
            }
            HostileInputTest.goodClientServed(listener, key, n);
        }
        System.err.printf("FuzzTest: handshake: %d mutated client transcripts refused, the listener served good clients throughout%n", n);
    }
}
