package dev.mp4j.internal.codec;

import dev.mp4j.Mp4jException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mp4j.internal.codec.Tags.*;

/**
 * Reads what {@link FastWriter} wrote, from a buffer or a stream, under {@link Limits}. Counts and lengths are
 * checked against the limits and (for buffers) against the bytes actually present before anything is
 * allocated, so a lying length cannot exhaust memory.
 */
abstract class FastReader {
    final Limits limits;

    FastReader(Limits limits) { this.limits = limits; }

    abstract int u8();
    abstract int i32();
    abstract long i64();
    /** The next {@code n} bytes as a little-endian buffer positioned at 0. */
    abstract ByteBuffer block(int n);
    /** Bytes known to remain, or Long.MAX_VALUE when unknown (a stream). */
    abstract long remaining();
    /** The rest of the input as a stream, for the {@link Serializer}. */
    abstract InputStream rest();

    Object value(int tag, int depth) {
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case BYTE -> (byte) u8();
            case SHORT -> (short) i32();
            case CHAR -> (char) i32();
            case INT -> i32();
            case LONG -> i64();
            case FLOAT -> Float.intBitsToFloat(i32());
            case DOUBLE -> Double.longBitsToDouble(i64());
            case STRING -> utf8(block(length(1)));
            case STRING16 -> block(length(2) * 2).asCharBuffer().toString();
            case BYTES -> { var b = block(length(1)); byte[] a = new byte[b.remaining()]; b.get(a); yield a; }
            case SHORTS -> { int n = length(2); short[] a = new short[n]; block(n * 2).asShortBuffer().get(a); yield a; }
            case CHARS -> { int n = length(2); char[] a = new char[n]; block(n * 2).asCharBuffer().get(a); yield a; }
            case INTS -> { int n = length(4); int[] a = new int[n]; block(n * 4).asIntBuffer().get(a); yield a; }
            case LONGS -> { int n = length(8); long[] a = new long[n]; block(n * 8).asLongBuffer().get(a); yield a; }
            case FLOATS -> { int n = length(4); float[] a = new float[n]; block(n * 4).asFloatBuffer().get(a); yield a; }
            case DOUBLES -> { int n = length(8); double[] a = new double[n]; block(n * 8).asDoubleBuffer().get(a); yield a; }
            case BOOLEANS -> {
                int n = length(1); var b = block(n); boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = b.get(i) != 0;
                yield a;
            }
            case ARRAY_LIST, IMM_LIST -> list(tag, depth);
            case HASH_MAP, LINKED_MAP, IMM_MAP -> map(tag, depth);
            case PORTABLE -> portable(depth);
            default -> throw new Mp4jException("not a valid message: unknown tag " + tag);
        };
    }

    private static String utf8(ByteBuffer b) {
        if (b.hasArray()) return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.UTF_8);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    private Object list(int tag, int depth) {
        checkDepth(depth);
        int n = length(1);
        var list = new ArrayList<>(Math.min(n, EAGER)); // grows with what arrives: nested lists cannot each claim it all
        for (int i = 0; i < n; i++) list.add(value(u8(), depth + 1));
        return tag == IMM_LIST ? List.copyOf(list) : list;
    }

    /** A {@link Portable}: from trusted local input only; a network peer has no business naming shared memory. */
    private Object portable(int depth) {
        if (limits.bounded()) throw new Mp4jException("not a valid message: a local shared object from a network peer");
        checkDepth(depth);
        int kind = u8();
        int n = length(1);
        Object[] fields = new Object[n];
        for (int i = 0; i < n; i++) fields[i] = value(u8(), depth + 1);
        return Portables.read(kind, fields);
    }

    private Object map(int tag, int depth) {
        checkDepth(depth);
        int n = length(2);
        int eager = Math.min(n, EAGER);
        Map<Object, Object> map = tag == HASH_MAP ? HashMap.newHashMap(eager) : LinkedHashMap.newLinkedHashMap(eager);
        for (int i = 0; i < n; i++) {
            Object k = value(u8(), depth + 1);
            map.put(k, value(u8(), depth + 1));
        }
        if (map.size() != n) throw new Mp4jException("not a valid message: duplicate map keys");
        return tag == IMM_MAP ? Map.copyOf(map) : map;
    }

    /**
     * Collections are sized up front for at most this many elements. A claimed count is checked against the bytes
     * left, but lists nested 100 deep could each claim all of them: sized eagerly, a 16 MB message would take
     * gigabytes before its first element is read.
     */
    static final int EAGER = 4096;

    private void checkDepth(int depth) {
        if (depth >= limits.maxDepth()) throw new Mp4jException("message nested deeper than " + limits.maxDepth());
    }

    /** Reads a count of items at least {@code minBytes} long each and checks it before anything is allocated. */
    private int length(int minBytes) {
        int n = i32();
        if (n < 0) throw new Mp4jException("not a valid message: negative length " + n);
        if (n > limits.maxArrayLength())
            throw new Mp4jException("message holds an array of " + n + " elements, over the limit of " + limits.maxArrayLength());
        if ((long) n * minBytes > Math.min(remaining(), Integer.MAX_VALUE - 16)) throw new Mp4jException("not a valid message: truncated");
        return n;
    }

    /** Over a buffer (a socket frame or a shared-memory slice). */
    static final class OfBuffer extends FastReader {
        private final ByteBuffer in;

        OfBuffer(ByteBuffer in, Limits limits) {
            super(limits);
            this.in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override int u8() { return in.get() & 0xFF; }
        @Override int i32() { return in.getInt(); }
        @Override long i64() { return in.getLong(); }
        @Override long remaining() { return in.remaining(); }

        @Override ByteBuffer block(int n) {
            if (n > in.remaining()) throw new BufferUnderflowException();
            var b = in.slice(in.position(), n).order(ByteOrder.LITTLE_ENDIAN);
            in.position(in.position() + n);
            return b;
        }

        @Override InputStream rest() {
            return new InputStream() {
                @Override public int read() { return in.hasRemaining() ? in.get() & 0xFF : -1; }
                @Override public int read(byte[] b, int off, int len) {
                    if (len == 0) return 0;
                    if (!in.hasRemaining()) return -1;
                    int n = Math.min(len, in.remaining());
                    in.get(b, off, n);
                    return n;
                }
                @Override public int available() { return in.remaining(); }
            };
        }

        boolean exhausted() { return !in.hasRemaining(); }
    }

    /** Over a stream (the process runtime's channel): reads exactly what the value needs, nothing beyond. */
    static final class OfStream extends FastReader {
        private final DataInputStream in;
        private final InputStream raw;

        OfStream(InputStream in, Limits limits) {
            super(limits);
            this.raw = in;
            this.in = new DataInputStream(in);
        }

        @Override int u8() {
            try { return in.readUnsignedByte(); } catch (IOException e) { throw new UncheckedIOException(e); }
        }
        @Override int i32() {
            try { return Integer.reverseBytes(in.readInt()); } catch (IOException e) { throw new UncheckedIOException(e); }
        }
        @Override long i64() {
            try { return Long.reverseBytes(in.readLong()); } catch (IOException e) { throw new UncheckedIOException(e); }
        }
        @Override long remaining() { return Long.MAX_VALUE; }

        @Override ByteBuffer block(int n) {
            byte[] b = new byte[n];
            try { in.readFully(b); } catch (IOException e) { throw new UncheckedIOException(e); }
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override InputStream rest() { return raw; }
    }
}
