package dev.mp4j.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mp4j.internal.codec.Tags.*;

/** Writes the fast-path forms (see {@link Tags}); says false, having written garbage, for anything else. */
final class FastWriter {
    /** Deeper nesting goes through the serializer, which also copes with cycles. */
    private static final int MAX_DEPTH = 32;
    private static final Class<?> LIST12 = List.of(1).getClass(), LISTN = List.of(1, 2, 3).getClass();
    private static final Class<?> MAP1 = Map.of(1, 1).getClass(), MAPN = Map.of(1, 1, 2, 2).getClass();

    private FastWriter() {}

    /** @param top true for the message's outermost value, the only one whose bytes may travel as a tail */
    static boolean write(Object v, Encoded out, int depth, boolean top) {
        return write(v, out, depth, top, false);
    }

    /** @param portable whether {@link Portable}s may take their own form (see {@link Codec#encodeLocal}) */
    static boolean write(Object v, Encoded out, int depth, boolean top, boolean portable) {
        if (v == null) { out.write(NULL); return true; }
        Class<?> c = v.getClass();
        if (c == Integer.class) { out.write(INT); out.putInt((Integer) v); return true; }
        if (c == String.class) return writeString((String) v, out);
        if (c == byte[].class) {
            byte[] b = (byte[]) v;
            out.write(BYTES); out.putInt(b.length);
            if (top && b.length >= Encoded.TAIL_THRESHOLD) out.tail(b, 0, b.length); else out.write(b, 0, b.length);
            return true;
        }
        if (c == Long.class) { out.write(LONG); out.putLong((Long) v); return true; }
        if (c == Double.class) { out.write(DOUBLE); out.putLong(Double.doubleToRawLongBits((Double) v)); return true; }
        if (c == Boolean.class) { out.write((Boolean) v ? TRUE : FALSE); return true; }
        if (c == Float.class) { out.write(FLOAT); out.putInt(Float.floatToRawIntBits((Float) v)); return true; }
        if (c == Short.class) { out.write(SHORT); out.putInt((Short) v); return true; }
        if (c == Character.class) { out.write(CHAR); out.putInt((Character) v); return true; }
        if (c == Byte.class) { out.write(BYTE); out.write((Byte) v); return true; }
        if (c.isArray()) return writeArray(v, out);
        if (depth >= MAX_DEPTH) return false;
        if (c == ArrayList.class) return writeList(ARRAY_LIST, (List<?>) v, out, depth, portable);
        if (c == LIST12 || c == LISTN) return writeList(IMM_LIST, (List<?>) v, out, depth, portable);
        if (c == HashMap.class) return writeMap(HASH_MAP, (Map<?, ?>) v, out, depth, portable);
        if (c == LinkedHashMap.class) return writeMap(LINKED_MAP, (Map<?, ?>) v, out, depth, portable);
        if (c == MAP1 || c == MAPN) return writeMap(IMM_MAP, (Map<?, ?>) v, out, depth, portable);
        if (portable) {
            Portable p = Portables.of(v);
            if (p != null) return writePortable(p, out, depth);
        }
        return false;
    }

    private static boolean writePortable(Portable p, Encoded out, int depth) {
        Object[] fields = p.portableFields();
        out.write(PORTABLE); out.write(p.portableKind()); out.putInt(fields.length);
        for (Object f : fields) if (!write(f, out, depth + 1, false, true)) return false;
        return true;
    }

    private static boolean writeString(String s, Encoded out) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) { // UTF-8 would turn a lone surrogate into '?'
                out.write(STRING16); out.putInt(s.length());
                out.slot(s.length() * 2).asCharBuffer().put(s);
                return true;
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(STRING); out.putInt(utf8.length); out.write(utf8, 0, utf8.length);
        return true;
    }

    // instanceof tests, not a pattern switch: its bootstrap spins a class, milliseconds of a cold child JVM's start
    private static boolean writeArray(Object v, Encoded out) {
        if (v instanceof int[] a) { head(out, INTS, a.length); out.slot(bytes(a.length, 4)).asIntBuffer().put(a); }
        else if (v instanceof long[] a) { head(out, LONGS, a.length); out.slot(bytes(a.length, 8)).asLongBuffer().put(a); }
        else if (v instanceof double[] a) { head(out, DOUBLES, a.length); out.slot(bytes(a.length, 8)).asDoubleBuffer().put(a); }
        else if (v instanceof float[] a) { head(out, FLOATS, a.length); out.slot(bytes(a.length, 4)).asFloatBuffer().put(a); }
        else if (v instanceof short[] a) { head(out, SHORTS, a.length); out.slot(bytes(a.length, 2)).asShortBuffer().put(a); }
        else if (v instanceof char[] a) { head(out, CHARS, a.length); out.slot(bytes(a.length, 2)).asCharBuffer().put(a); }
        else if (v instanceof boolean[] a) { head(out, BOOLEANS, a.length); for (boolean x : a) out.write(x ? 1 : 0); }
        else return false; // object arrays keep their component type only through the serializer
        return true;
    }

    private static void head(Encoded out, byte tag, int length) { out.write(tag); out.putInt(length); }

    private static int bytes(int length, int width) {
        long n = (long) length * width;
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("array too large for one message: " + length);
        return (int) n;
    }

    private static boolean writeList(byte tag, List<?> list, Encoded out, int depth, boolean portable) {
        out.write(tag); out.putInt(list.size());
        for (Object e : list) {
            if (tag == IMM_LIST && e == null) return false; // Stream.toList() allows nulls, List.of does not
            if (!write(e, out, depth + 1, false, portable)) return false;
        }
        return true;
    }

    private static boolean writeMap(byte tag, Map<?, ?> map, Encoded out, int depth, boolean portable) {
        out.write(tag); out.putInt(map.size());
        for (var e : map.entrySet()) {
            if (!write(e.getKey(), out, depth + 1, false, portable) || !write(e.getValue(), out, depth + 1, false, portable)) return false;
        }
        return true;
    }
}
