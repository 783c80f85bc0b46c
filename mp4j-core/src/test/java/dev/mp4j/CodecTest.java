package dev.mp4j;

import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

class CodecTest {
    record Point(int x, String label) implements Serializable {}

    static class Holder implements Serializable { Object helper = new Object(); }

    private static Object roundTrip(Object v) {
        byte[] bytes = Codec.encode(v);
        Object viaBuffer = Codec.decode(ByteBuffer.wrap(bytes), Limits.network());
        Object viaStream = Codec.decode(new ByteArrayInputStream(bytes));
        if (v == null || !v.getClass().isSynthetic() && !(v instanceof Throwable) && !v.getClass().isHidden())
            assertDeepEquals(viaBuffer, viaStream);
        return Codec.decode(bytes);
    }

    private static void assertDeepEquals(Object a, Object b) {
        assertTrue(Arrays.deepEquals(new Object[] {a}, new Object[] {b}), a + " vs " + b);
    }

    @Test
    void fastPathsRoundTripWithTheirClasses() {
        Object[] values = {null, true, false, (byte) -3, (short) 300, 'x', 42, -7L, 1.5f, 2.25, Double.NaN,
            "", "hello", "héllo wörld ☃", "lone \uD800 surrogate", new byte[0], new byte[] {1, 2, 3},
            new byte[100_000], new int[] {1, -2}, new long[] {Long.MIN_VALUE}, new double[] {0.1}, new float[] {2f},
            new short[] {7}, new char[] {'a', '\uFFFF'}, new boolean[] {true, false}};
        for (Object v : values) {
            Object back = roundTrip(v);
            assertDeepEquals(v, back);
            if (v != null) assertSame(v.getClass(), back.getClass());
        }
    }

    @Test
    void collectionsKeepTheirKind() {
        var arrayList = new ArrayList<>(List.of(1, "two", 3L));
        arrayList.add(null);
        assertEquals(arrayList, roundTrip(arrayList));
        assertSame(ArrayList.class, roundTrip(arrayList).getClass());
        var linked = new LinkedHashMap<String, Object>();
        linked.put("z", 1); linked.put("a", List.of(1, 2)); linked.put("m", null);
        Object back = roundTrip(linked);
        assertSame(LinkedHashMap.class, back.getClass());
        assertEquals(List.copyOf(linked.keySet()), List.copyOf(((Map<?, ?>) back).keySet()));
        var hash = new HashMap<Integer, String>(Map.of(1, "a", 2, "b"));
        assertEquals(hash, roundTrip(hash));
        assertEquals(List.of(1, 2, 3), roundTrip(List.of(1, 2, 3)));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) roundTrip(List.of(1))).add(2));
        assertEquals(Map.of("k", 1), roundTrip(Map.of("k", 1)));
        // Stream.toList allows null: still round trips (through the serializer)
        var withNull = Arrays.asList(1, null).stream().toList();
        assertEquals(withNull, roundTrip(withNull));
        // not a fast-path class: serialized as is
        var ll = new LinkedList<>(List.of(1, 2));
        assertSame(LinkedList.class, roundTrip(ll).getClass());
    }

    @Test
    void serializableObjectsLambdasAndExceptions() {
        assertEquals(new Point(1, "p"), roundTrip(new Point(1, "p")));
        var mixed = new ArrayList<Object>(List.of(1, new Point(2, "q")));
        assertEquals(mixed, roundTrip(mixed));
        int captured = 41;
        @SuppressWarnings("unchecked")
        var lambda = (Supplier<Integer> & Serializable) () -> captured + 1;
        assertEquals(42, ((Supplier<Integer>) roundTrip(lambda)).get());
        var ex = new IllegalStateException("boom");
        var back = (IllegalStateException) roundTrip(ex);
        assertEquals("boom", back.getMessage());
        // a self-containing list goes through the serializer rather than recursing forever
        var self = new ArrayList<Object>();
        self.add(self);
        var selfBack = (List<?>) Codec.decode(Codec.encode(self));
        assertSame(selfBack, selfBack.get(0));
    }

    @Test
    void notSerializableNamesClassAndPath() {
        var e = assertThrows(IllegalArgumentException.class, () -> Codec.encode(new Holder()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(e.getMessage().contains("helper"), e.getMessage());
        var inList = new ArrayList<Object>(List.of(1, new Thread()));
        var e2 = assertThrows(IllegalArgumentException.class, () -> Codec.encode(inList));
        assertTrue(e2.getMessage().contains("java.lang.Thread"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codec.encode(new Object(), new ByteArrayOutputStream()));
    }

    @Test
    void streamDecodeReadsExactlyOneValue() {
        var out = new ByteArrayOutputStream();
        Codec.encode("first", out);
        Codec.encode(new Point(3, "x"), out);
        Codec.encode(List.of(7), out);
        var in = new ByteArrayInputStream(out.toByteArray());
        assertEquals("first", Codec.decode(in));
        assertEquals(new Point(3, "x"), Codec.decode(in));
        assertEquals(List.of(7), Codec.decode(in));
        assertEquals(0, in.available());
    }

    @Test
    void boundedDecodeRejectsGarbageAndBrokenLimits() {
        Limits tight = new Limits(5, 1000, 1 << 20, 10_000);
        // garbage and truncation
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(new byte[] {99}), tight));
        byte[] lying = ByteBuffer.allocate(5).put((byte) 12).putInt(Integer.reverseBytes(Integer.MAX_VALUE)).array();
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(lying), tight));
        byte[] ints = Codec.encode(new int[2000]);
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(ints), tight));
        byte[] serializedArray = Codec.encode(new Point[2000]);
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(serializedArray), tight));
        Object deep = 1;
        for (int i = 0; i < 10; i++) deep = new ArrayList<>(List.of(deep));
        byte[] deepBytes = Codec.encode(deep);
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(deepBytes), tight));
        byte[] corrupt = Codec.encode(new Point(1, "x"));
        corrupt[corrupt.length / 2] ^= 0x55;
        corrupt[corrupt.length / 2 + 1] ^= 0x55;
        try {
            Codec.decode(ByteBuffer.wrap(corrupt), tight);
        } catch (Mp4jException expected) {
            // either it still parses or it fails as an Mp4jException, never anything else
        }
        byte[] big = Codec.encode(new byte[2 << 20]);
        assertThrows(Mp4jException.class, () -> Codec.decode(ByteBuffer.wrap(big), tight));
        // within limits it works
        assertEquals(List.of(1, 2), Codec.decode(ByteBuffer.wrap(Codec.encode(List.of(1, 2))), tight));
    }
}
