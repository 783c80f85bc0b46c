package dev.mp4j.internal.pool;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChunksTest {
    @Test
    void integersPackAndComeBackAsIntegers() {
        List<Integer> items = List.of(Integer.MIN_VALUE, -1, 0, 1, 127, 128, Integer.MAX_VALUE);
        Task.Payload p = Chunks.encode(items.toArray(), 1, 6);
        assertTrue(p.packed());
        assertEquals(4 + 4 * 5, p.bytes().length); // a count and the ints: no tags
        int[] ints = Chunks.unpackInts(ByteBuffer.wrap(p.bytes()));
        assertArrayEquals(new int[] {-1, 0, 1, 127, 128}, ints);
        assertEquals(items.subList(1, 6), Chunks.asList(ints));
    }

    @Test
    void headroomIsLeftForTheCaller() {
        byte[] b = Chunks.packInts(new Object[] {7, 8}, 0, 2, 17);
        assertEquals(17 + 4 + 8, b.length);
        assertArrayEquals(new int[] {7, 8}, Chunks.unpackInts(ByteBuffer.wrap(b, 17, b.length - 17)));
    }

    @Test
    void anythingButIntegersGoesThroughTheCodec() {
        assertNull(Chunks.packInts(new Object[] {1, null, 3}, 0, 3, 0));
        assertNull(Chunks.packInts(new Object[] {null}, 0, 1, 0));
        assertNull(Chunks.packInts(new Object[] {1, 2L}, 0, 2, 0));
        assertNull(Chunks.packInts(new Object[] {"a"}, 0, 1, 0));
        assertNotNull(Chunks.packInts(new Object[] {1, 2L}, 0, 1, 0)); // only the chunk's own range counts
        assertNotNull(Chunks.packInts(new Object[] {2L, 1}, 1, 2, 0));
        Task.Payload p = Chunks.encode(new Object[] {0, 1, "x"}, 1, 3);
        assertFalse(p.packed());
        assertEquals(List.of(1, "x"), dev.mp4j.internal.codec.Codec.decode(p.bytes()));
    }

    @Test
    void malformedPackedChunkIsRejected() {
        byte[] b = Chunks.packInts(new Object[] {1, 2, 3}, 0, 3, 0);
        assertThrows(IllegalStateException.class, () -> Chunks.unpackInts(ByteBuffer.wrap(b, 0, b.length - 4)));
        b[0] = (byte) 0xFF; b[1] = (byte) 0xFF; b[2] = (byte) 0xFF; b[3] = (byte) 0xFF; // -1
        assertThrows(IllegalStateException.class, () -> Chunks.unpackInts(ByteBuffer.wrap(b)));
    }

    @Test
    void listsPassThrough() {
        List<String> l = List.of("a");
        assertSame(l, Chunks.asList(l));
    }
}
