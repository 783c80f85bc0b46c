package dev.mp4j.internal.pool;

import dev.mp4j.internal.codec.Codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a map chunk's items, and its results, travel. A chunk whose values are all {@link Integer}s (the common
 * {@code map(f, range(n))}) goes packed: a count and the ints, little-endian, with no per-value tag or dispatch,
 * so both ends pack and unpack it in one tight loop that the JIT compiles early. Any other chunk is the codec's
 * list. Packing never fails, so deciding it cannot make a call fail where the codec would not have.
 */
final class Chunks {
    private Chunks() {}

    /** Items {@code [from, to)} of {@code items} as a task payload: packed ints, or else the codec's list. */
    static Task.Payload encode(Object[] items, int from, int to) {
        byte[] packed = packInts(items, from, to, 0);
        return packed != null ? new Task.Payload(packed, true) : new Task.Payload(Codec.encode(list(items, from, to)), false);
    }

    /** {@code values[from, to)} as the codec's list. */
    static ArrayList<Object> list(Object[] values, int from, int to) {
        return new ArrayList<>(Arrays.asList(values).subList(from, to));
    }

    /**
     * {@code values[from, to)} packed after {@code headroom} bytes left for the caller (a message header): the count
     * then the ints. Null unless every value is an Integer (null is not). Plain array loops and one bulk copy, no
     * per-value VarHandle or buffer call: the first maps run this interpreted, before the JIT has compiled it.
     */
    static byte[] packInts(Object[] values, int from, int to, int headroom) {
        int n = to - from;
        if (n > 0 && !(values[from] instanceof Integer)) return null; // the common mixed case allocates nothing
        if (headroom + 4 + 4L * n > Integer.MAX_VALUE - 16) return null; // no array that big: the codec says why
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
            if (!(values[from + i] instanceof Integer x)) return null;
            ints[i] = x;
        }
        byte[] out = new byte[headroom + 4 + 4 * n];
        ByteBuffer b = ByteBuffer.wrap(out, headroom, 4 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n).asIntBuffer().put(ints);
        return out;
    }

    /** Reads a packed chunk (the rest of {@code b}): its ints, which the job boxes as it stores them. */
    static int[] unpackInts(ByteBuffer b) {
        b = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        if (n < 0 || (long) n * 4 != b.remaining()) throw new IllegalStateException("malformed packed chunk of " + n + " ints");
        int[] out = new int[n];
        b.asIntBuffer().get(out);
        return out;
    }

    /** A chunk's results as a job stores them: a List, or the ints of a packed chunk. */
    static List<?> asList(Object values) {
        if (!(values instanceof int[] ints)) return (List<?>) values;
        var out = new ArrayList<Integer>(ints.length);
        for (int x : ints) out.add(x);
        return out;
    }
}
