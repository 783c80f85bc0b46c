package dev.mp4j;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.shared_memory.ShareableList}: a fixed-length list in a {@link SharedMemory}
 * block, attachable by name from any process. Items are {@code Integer}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code String}, {@code byte[]} or null, each read back as the same class; any other type:
 * {@link IllegalArgumentException}. Each slot keeps the room its first item needed (at least 8 bytes): a String or
 * byte[] that does not fit the slot it replaces: {@link IllegalArgumentException}. Like Python's, a slot update is
 * not atomic against a concurrent reader: guard it with a {@link Lock} where that matters. Lifetime as for
 * SharedMemory (tracked by default). Serializable by name.
 */
public final class ShareableList implements AutoCloseable, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    // Layout: int count at 0; per slot at 8 + 16*i: int tag, int length, int capacity, int data offset.
    private static final int NULL = 0, INT = 1, LONG = 2, DOUBLE = 3, BOOL = 4, STRING = 5, BYTES = 6;

    private final transient SharedMemory shm;
    private final transient int size;

    private ShareableList(SharedMemory shm) {
        this.shm = shm;
        this.size = shm.segment().get(ValueLayout.JAVA_INT, 0);
    }

    /** A new list holding {@code items}, under a fresh random name. */
    public static ShareableList create(List<?> items) {
        long data = 8 + 16L * items.size();
        int[] caps = new int[items.size()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = Math.max(8, (encodedLength(items.get(i), i) + 7) & ~7);
            data += caps[i];
        }
        SharedMemory shm = SharedMemory.create(data);
        MemorySegment m = shm.segment();
        m.set(ValueLayout.JAVA_INT, 0, items.size());
        int off = 8 + 16 * items.size();
        for (int i = 0; i < caps.length; i++) {
            m.set(ValueLayout.JAVA_INT, 8 + 16L * i + 8, caps[i]);
            m.set(ValueLayout.JAVA_INT, 8 + 16L * i + 12, off);
            off += caps[i];
        }
        ShareableList list = new ShareableList(shm);
        for (int i = 0; i < caps.length; i++) list.set(i, items.get(i));
        return list;
    }

    /** Attaches to the list named {@code name}; missing: as for {@link SharedMemory#attach}. */
    public static ShareableList attach(String name) {
        return new ShareableList(SharedMemory.attach(name));
    }

    private static int encodedLength(Object item, int index) {
        return switch (item) {
            case null -> 0;
            case Integer x -> 4;
            case Long x -> 8;
            case Double x -> 8;
            case Boolean x -> 1;
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case byte[] b -> b.length;
            default -> throw new IllegalArgumentException("ShareableList item " + index + " has unsupported type "
                + item.getClass().getName() + " (allowed: Integer, Long, Double, Boolean, String, byte[], null)");
        };
    }

    public int size() {
        return size;
    }

    public String name() {
        return shm.name();
    }

    /** The item at {@code index}, as the class it was stored as. */
    public Object get(int index) {
        MemorySegment m = shm.segment();
        long slot = 8 + 16L * Objects.checkIndex(index, size);
        int tag = m.get(ValueLayout.JAVA_INT, slot);
        int len = m.get(ValueLayout.JAVA_INT, slot + 4);
        long at = m.get(ValueLayout.JAVA_INT, slot + 12);
        return switch (tag) {
            case NULL -> null;
            case INT -> m.get(ValueLayout.JAVA_INT, at);
            case LONG -> m.get(ValueLayout.JAVA_LONG, at);
            case DOUBLE -> m.get(ValueLayout.JAVA_DOUBLE, at);
            case BOOL -> m.get(ValueLayout.JAVA_BYTE, at) != 0;
            case STRING -> new String(m.asSlice(at, len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            case BYTES -> m.asSlice(at, len).toArray(ValueLayout.JAVA_BYTE);
            default -> throw new IllegalStateException("corrupt ShareableList slot " + index + " (tag " + tag + ")");
        };
    }

    /** Replaces the item at {@code index}; see the class comment for what fits. */
    public void set(int index, Object value) {
        MemorySegment m = shm.segment();
        long slot = 8 + 16L * Objects.checkIndex(index, size);
        int len = encodedLength(value, index);
        int cap = m.get(ValueLayout.JAVA_INT, slot + 8);
        if (len > cap) {
            throw new IllegalArgumentException("item of " + len + " bytes does not fit slot " + index + " (" + cap + " bytes)");
        }
        long at = m.get(ValueLayout.JAVA_INT, slot + 12);
        int tag = switch (value) {
            case null -> NULL;
            case Integer x -> { m.set(ValueLayout.JAVA_INT, at, x); yield INT; }
            case Long x -> { m.set(ValueLayout.JAVA_LONG, at, x); yield LONG; }
            case Double x -> { m.set(ValueLayout.JAVA_DOUBLE, at, x); yield DOUBLE; }
            case Boolean x -> { m.set(ValueLayout.JAVA_BYTE, at, (byte) (x ? 1 : 0)); yield BOOL; }
            case String s -> { MemorySegment.copy(s.getBytes(StandardCharsets.UTF_8), 0, m, ValueLayout.JAVA_BYTE, at, len); yield STRING; }
            case byte[] b -> { MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, at, len); yield BYTES; }
            default -> throw new IllegalArgumentException("unsupported type " + value.getClass().getName());
        };
        m.set(ValueLayout.JAVA_INT, slot + 4, len);
        m.set(ValueLayout.JAVA_INT, slot, tag);
    }

    /** A copy of every item. */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(get(i));
        return out;
    }

    /** Closes this handle (see {@link SharedMemory#close()}). */
    @Override
    public void close() {
        shm.close();
    }

    /** Removes the name (see {@link SharedMemory#unlink()}). */
    public void unlink() {
        shm.unlink();
    }

    /** The underlying block. */
    public SharedMemory sharedMemory() {
        return shm;
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object o = get(i);
            shown.add(o instanceof byte[] b ? "byte[" + b.length + "]" : o instanceof String s ? "'" + s + "'" : String.valueOf(o));
        }
        return "ShareableList(" + shown + ", name='" + name() + "')";
    }

    @Serial
    private Object writeReplace() {
        return new ByName(name());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("ShareableList travels by name");
    }

    private record ByName(String name) implements Serializable {
        @Serial
        private Object readResolve() {
            return ShareableList.attach(name);
        }
    }
}
