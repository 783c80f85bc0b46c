package dev.mp4j.internal.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An encoded message: a head written here plus, for a large {@code byte[]} value, a tail that is the caller's
 * array itself, so a big payload is copied once (into the ring or socket) rather than twice. Little-endian.
 * Reusable: {@link #reset()} keeps the head's storage. {@link #writeTo} and {@link #length} see the whole message.
 */
public final class Encoded extends OutputStream {
    /** byte[] payloads at least this long travel as a tail instead of being copied into the head. */
    static final int TAIL_THRESHOLD = 4096;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] head;
    int size;
    private byte[] tail;
    private int tailOffset, tailLength;

    public Encoded() { this(64); }

    public Encoded(int capacity) { head = new byte[capacity]; }

    public void reset() { size = 0; tail = null; tailLength = 0; }

    /** Total bytes: head then tail. */
    public int length() { return size + tailLength; }

    public byte[] head() { return head; }
    public int headLength() { return size; }
    public byte[] tail() { return tail; }
    public int tailOffset() { return tailOffset; }
    public int tailLength() { return tailLength; }

    /** The whole message in one fresh array. */
    public byte[] toByteArray() {
        byte[] out = Arrays.copyOf(head, length());
        if (tailLength > 0) System.arraycopy(tail, tailOffset, out, size, tailLength);
        return out;
    }

    /** Copies the whole message into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(head, 0, dst, offset, size);
        if (tailLength > 0) System.arraycopy(tail, tailOffset, dst, offset + size, tailLength);
    }

    void tail(byte[] array, int offset, int length) {
        tail = array; tailOffset = offset; tailLength = length;
    }

    /** Rolls back to {@code mark} (a fast-path attempt that must fall back to the serializer). */
    void truncate(int mark) { size = mark; tail = null; tailLength = 0; }

    boolean hasTail() { return tail != null; }

    private void ensure(int more) {
        if (tail != null) throw new IllegalStateException("nothing may follow a tail");
        int need = size + more;
        if (need < 0) throw new IllegalArgumentException("message larger than 2 GiB");
        if (need > head.length) head = Arrays.copyOf(head, Math.max(need, Math.min(Integer.MAX_VALUE - 8, head.length * 2)));
    }

    @Override public void write(int b) { ensure(1); head[size++] = (byte) b; }

    @Override public void write(byte[] b, int off, int len) {
        ensure(len); System.arraycopy(b, off, head, size, len); size += len;
    }

    /** Reserves {@code n} bytes and returns a little-endian view of them, for bulk copies of primitive arrays. */
    java.nio.ByteBuffer slot(int n) {
        ensure(n);
        var b = java.nio.ByteBuffer.wrap(head, size, n).slice().order(ByteOrder.LITTLE_ENDIAN);
        size += n;
        return b;
    }

    void putInt(int v) { ensure(4); INT.set(head, size, v); size += 4; }
    void putLong(long v) { ensure(8); LONG.set(head, size, v); size += 8; }

    @Override
    public void flush() throws IOException {}

    /** Writes head then tail to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(head, 0, size);
        if (tailLength > 0) out.write(tail, tailOffset, tailLength);
    }
}
