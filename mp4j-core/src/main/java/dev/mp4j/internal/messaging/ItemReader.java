package dev.mp4j.internal.messaging;

import dev.mp4j.internal.codec.Codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Takes a queue item out of the ring. Runs under the ring's get lock, so it only copies the bytes out (once);
 * decoding, which may run user code (readObject), happens after the lock is released in {@link #finish}.
 * Exception: scalars and big byte arrays are decoded in place, which is itself the one copy.
 */
enum ItemReader implements Ring.Reader<Object> {
    INSTANCE;

    static final Object TIMED_OUT = new Object();

    /** Bytes still to be decoded. */
    private record Raw(byte[] bytes) {}

    @Override
    public Object read(MemorySegment mem, long offset, int length) {
        Object direct = Codec.decodeSimple(mem, offset, length);
        if (direct != Codec.NOT_SIMPLE) return direct == null ? NULL : direct;
        byte[] bytes = new byte[length];
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        return new Raw(bytes);
    }

    private static final Object NULL = new Object();

    static Object finish(Object taken) {
        if (taken == NULL) return null;
        if (taken instanceof Raw raw) return Codec.decode(raw.bytes);
        return taken;
    }
}
