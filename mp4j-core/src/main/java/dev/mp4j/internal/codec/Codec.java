package dev.mp4j.internal.codec;

import dev.mp4j.Mp4jException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one codec for everything that crosses a process boundary (targets, arguments, results, items, messages).
 * A message is a one-byte tag ({@link Tags}) and a payload. null, boxed primitives, String, byte[], primitive
 * arrays, and ArrayList/List.of/HashMap/LinkedHashMap/Map.of of those take fast paths with no
 * ObjectOutputStream; everything else goes through the pluggable {@link Serializer} (Java serialization by
 * default). A value that cannot be serialized fails here, in the caller's thread, with an
 * {@link IllegalArgumentException} that names the class and the field path that leads to it.
 */
public final class Codec {
    private static final Serializer SERIALIZER = loadSerializer();
    private static final ThreadLocal<Encoded> SCRATCH = new ThreadLocal<>() { // not a lambda: see ChildMain
        @Override protected Encoded initialValue() { return new Encoded(256); }
    };

    private Codec() {}

    /** Serializes {@code value} to a fresh array. */
    public static byte[] encode(Object value) {
        Encoded out = SCRATCH.get();
        out.reset();
        encode(value, out);
        byte[] bytes = out.toByteArray();
        if (out.head.length > 1 << 16) SCRATCH.remove(); // do not pin a big buffer to the thread
        return bytes;
    }

    /**
     * Like {@link #encode(Object)}, for input only trusted local readers decode (a process's target, a pool task):
     * mp4j's shared objects inside it take their {@link Portable} form instead of Java serialization.
     */
    public static byte[] encodeLocal(Object value) {
        Encoded out = SCRATCH.get();
        out.reset();
        var undo = new java.util.ArrayList<Runnable>(0);
        java.util.List<Runnable> outer = Portables.UNDO.get();
        Portables.UNDO.set(undo);
        boolean fast;
        try {
            fast = FastWriter.write(value, out, 0, true, true);
        } catch (RuntimeException | Error e) {
            for (Runnable u : undo) u.run();
            throw e;
        } finally {
            Portables.UNDO.set(outer);
        }
        if (!fast) {
            for (Runnable u : undo) u.run(); // Java serialization makes its own forms again
            out.reset();
            encode(value, out);
        }
        byte[] bytes = out.toByteArray();
        if (out.head.length > 1 << 16) SCRATCH.remove();
        return bytes;
    }

    /** Serializes {@code value} onto {@code out}; nothing useful is written if it throws. */
    public static void encode(Object value, OutputStream out) {
        Encoded encoded = new Encoded(256);
        encode(value, encoded);
        try {
            encoded.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the encoding of {@code value} to {@code out} (which the caller reset); throws before anything is sent. */
    public static void encode(Object value, Encoded out) {
        int mark = out.headLength();
        if (FastWriter.write(value, out, 0, true)) return;
        out.truncate(mark);
        out.write(Tags.SERIALIZED);
        SERIALIZER.write(value, out);
    }

    /** A per-thread scratch buffer for {@link #encode(Object, Encoded)}; reset, valid until the thread's next call. */
    public static Encoded scratch() {
        Encoded out = SCRATCH.get();
        if (out.head.length > 1 << 20) { out = new Encoded(256); SCRATCH.set(out); }
        out.reset();
        return out;
    }

    /** Reads back one value written by {@link #encode}. */
    public static Object decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes), Limits.NONE);
    }

    /** Reads back one value written by {@link #encode} from {@code in}, consuming exactly its bytes. */
    public static Object decode(InputStream in) {
        var reader = new FastReader.OfStream(in, Limits.NONE);
        int tag = reader.u8();
        return tag == Tags.SERIALIZED ? SERIALIZER.read(reader.rest(), Limits.NONE) : reader.value(tag, 0);
    }

    /**
     * Reads the one value that fills {@code message} (from its position to its limit). With bounded limits
     * (network peers) any malformed input or broken limit is an {@link Mp4jException}.
     */
    public static Object decode(ByteBuffer message, Limits limits) {
        if (message.remaining() > limits.maxBytes())
            throw new Mp4jException("message of " + message.remaining() + " bytes is over the limit of " + limits.maxBytes());
        try {
            var reader = new FastReader.OfBuffer(message, limits);
            int tag = reader.u8();
            Object value = tag == Tags.SERIALIZED ? SERIALIZER.read(reader.rest(), limits) : reader.value(tag, 0);
            if (tag != Tags.SERIALIZED && !reader.exhausted()) throw new Mp4jException("not a valid message: trailing bytes");
            return value;
        } catch (BufferUnderflowException e) {
            throw new Mp4jException("not a valid message: truncated", e);
        } catch (Mp4jException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a hostile stream can make readObject throw nearly anything; the peer is not to crash us
            if (!limits.bounded() && e instanceof RuntimeException r) throw r;
            throw new Mp4jException("not a valid message: " + e, e);
        }
    }

    /** Returned by {@link #decodeSimple} for anything it does not handle. */
    public static final Object NOT_SIMPLE = new Object();

    /** Initialized on first use only: FFM layouts cost a cold child JVM milliseconds it need not pay to start. */
    private static final class Layouts {
        static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Decodes scalars, strings and byte arrays straight out of shared memory (one copy, no intermediate buffer);
     * {@link #NOT_SIMPLE} for other values. Trusted input only (local peers).
     */
    public static Object decodeSimple(MemorySegment mem, long offset, int length) {
        if (length < 1) return NOT_SIMPLE;
        byte tag = mem.get(ValueLayout.JAVA_BYTE, offset);
        switch (tag) {
            case Tags.NULL: return null;
            case Tags.TRUE: return Boolean.TRUE;
            case Tags.FALSE: return Boolean.FALSE;
            case Tags.INT: if (length == 5) return mem.get(Layouts.INT_LE, offset + 1); break;
            case Tags.LONG: if (length == 9) return mem.get(Layouts.LONG_LE, offset + 1); break;
            case Tags.DOUBLE: if (length == 9) return Double.longBitsToDouble(mem.get(Layouts.LONG_LE, offset + 1)); break;
            case Tags.BYTES, Tags.STRING: {
                if (length < 5) break;
                int n = mem.get(Layouts.INT_LE, offset + 1);
                if (n != length - 5) break;
                byte[] bytes = new byte[n];
                MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, offset + 5, bytes, 0, n);
                return tag == Tags.BYTES ? bytes : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            default: break;
        }
        return NOT_SIMPLE;
    }

    static IllegalArgumentException notSerializable(Object root, String badClass, Throwable cause) {
        String path = FieldPaths.find(root, badClass);
        String where = path == null ? "" : " (reached through " + path + ")";
        return new IllegalArgumentException("not serializable: " + badClass + where
            + "; everything sent to another process must implement java.io.Serializable", cause);
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private static Serializer loadSerializer() {
        String name = System.getProperty("mp4j.serializer");
        if (name == null || name.isBlank()) return new JavaSerializer();
        try {
            return (Serializer) Class.forName(name.strip()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("mp4j.serializer=" + name + " is not a usable " + Serializer.class.getName(), e);
        }
    }
}
