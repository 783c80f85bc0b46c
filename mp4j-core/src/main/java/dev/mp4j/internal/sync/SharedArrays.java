package dev.mp4j.internal.sync;

import dev.mp4j.RLock;
import dev.mp4j.SharedArray;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.function.Function;

/**
 * The implementations of {@link SharedArray}'s typed handles. Cell layout: the RLock's line, then the elements from
 * {@link #DATA} (naturally aligned). Element access is volatile (atomic per element); bulk copies run under the lock.
 */
public final class SharedArrays {
    private SharedArrays() {}

    static final long DATA = 64;

    static {
        // passed to a child in its target, an array skips Java serialization (see Portable)
        Portable.register(Portable.SHARED_ARRAY, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                Segment s = SharedWords.checkedSegment(f[1]);
                long b = SharedWords.checkedBase(f[2]);
                int length = (Integer) f[3];
                RLock l = java.util.Objects.requireNonNull((RLock) f[4], "bad shared array: no lock");
                return switch ((Integer) f[0]) {
                    case 0 -> new Ints(s, b, length, l);
                    case 1 -> new Longs(s, b, length, l);
                    case 2 -> new Doubles(s, b, length, l);
                    case 3 -> new Bytes(s, b, length, l);
                    default -> throw new IllegalArgumentException("bad shared array type " + f[0]);
                };
            }
        });
    }

    abstract static class Base implements SharedArray.Shared, Portable {
        @Serial private static final long serialVersionUID = 1L;

        final Segment segment;
        final long base;
        final RLock lock;
        final int length;
        final int elementSize;
        /** The array's cell (lock line, then data at DATA): offsets below are relative to it. */
        transient MemorySegment mem;

        Base(int length, int elementSize, Function<LockCore, RLock> rlocks) {
            if (length < 0) throw new IllegalArgumentException("array length must be >= 0, got " + length);
            this.length = length;
            this.elementSize = elementSize;
            Cells.Cell c = Cells.allocate(DATA + Math.max(8, (long) length * elementSize));
            this.segment = c.segment();
            this.base = c.offset();
            this.lock = rlocks.apply(new LockCore(segment, base, true));
            this.mem = cell();
        }

        /** Rebuilt in a receiving process from its {@link Portable} fields (the lock: the same one, in its own form). */
        Base(Segment segment, long base, int length, int elementSize, RLock lock) {
            if (length < 0) throw new IllegalArgumentException("bad shared array length " + length);
            this.segment = segment;
            this.base = base;
            this.length = length;
            this.elementSize = elementSize;
            this.lock = lock;
            this.mem = cell();
        }

        /** This class's code in the {@link Portable} form. */
        abstract int type();

        @Override public int portableKind() { return Portable.SHARED_ARRAY; }

        @Override public Object[] portableFields() { return new Object[] {type(), segment, base, length, lock}; }

        private MemorySegment cell() {
            return segment.memory().asSlice(base, DATA + Math.max(8, (long) length * elementSize));
        }

        @Override public int length() { return length; }
        @Override public RLock getLock() { return lock; }

        long at(int index, int shift) {
            return DATA + ((long) Objects.checkIndex(index, length) << shift);
        }

        /** Checks a bulk range and returns its offset in the segment, under no lock yet. */
        long range(int index, int count, int arrayLength, int arrayPos, int shift) {
            Objects.checkFromIndexSize(index, count, length);
            Objects.checkFromIndexSize(arrayPos, count, arrayLength);
            return DATA + ((long) index << shift);
        }

        void bulk(Runnable copy) {
            lock.acquire();
            try {
                copy.run();
            } finally {
                lock.release();
            }
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            mem = cell();
        }
    }

    public static final class Ints extends Base implements SharedArray.OfInt {
        @Serial private static final long serialVersionUID = 1L;
        public Ints(int length, Function<LockCore, RLock> rlocks) { super(length, 4, rlocks); }
        Ints(Segment s, long base, int length, RLock lock) { super(s, base, length, 4, lock); }
        @Override int type() { return 0; }
        public int get(int i) { return (int) Mem.INT.getVolatile(mem, at(i, 2)); }
        public void set(int i, int v) { Mem.INT.setVolatile(mem, at(i, 2), v); }
        public int getAndAdd(int i, int d) { return (int) Mem.INT.getAndAdd(mem, at(i, 2), d); }
        public int[] toArray() { int[] a = new int[length]; copyTo(0, a, 0, length); return a; }
        public void copyFrom(int[] src, int srcPos, int index, int n) {
            long off = range(index, n, src.length, srcPos, 2);
            bulk(() -> MemorySegment.copy(src, srcPos, mem, ValueLayout.JAVA_INT, off, n));
        }
        public void copyTo(int index, int[] dst, int dstPos, int n) {
            long off = range(index, n, dst.length, dstPos, 2);
            bulk(() -> MemorySegment.copy(mem, ValueLayout.JAVA_INT, off, dst, dstPos, n));
        }
        @Override public String toString() { return "SharedArray.OfInt" + java.util.Arrays.toString(toArray()); }
    }

    public static final class Longs extends Base implements SharedArray.OfLong {
        @Serial private static final long serialVersionUID = 1L;
        public Longs(int length, Function<LockCore, RLock> rlocks) { super(length, 8, rlocks); }
        Longs(Segment s, long base, int length, RLock lock) { super(s, base, length, 8, lock); }
        @Override int type() { return 1; }
        public long get(int i) { return (long) Mem.LONG.getVolatile(mem, at(i, 3)); }
        public void set(int i, long v) { Mem.LONG.setVolatile(mem, at(i, 3), v); }
        public long getAndAdd(int i, long d) { return (long) Mem.LONG.getAndAdd(mem, at(i, 3), d); }
        public long[] toArray() { long[] a = new long[length]; copyTo(0, a, 0, length); return a; }
        public void copyFrom(long[] src, int srcPos, int index, int n) {
            long off = range(index, n, src.length, srcPos, 3);
            bulk(() -> MemorySegment.copy(src, srcPos, mem, ValueLayout.JAVA_LONG, off, n));
        }
        public void copyTo(int index, long[] dst, int dstPos, int n) {
            long off = range(index, n, dst.length, dstPos, 3);
            bulk(() -> MemorySegment.copy(mem, ValueLayout.JAVA_LONG, off, dst, dstPos, n));
        }
        @Override public String toString() { return "SharedArray.OfLong" + java.util.Arrays.toString(toArray()); }
    }

    public static final class Doubles extends Base implements SharedArray.OfDouble {
        @Serial private static final long serialVersionUID = 1L;
        public Doubles(int length, Function<LockCore, RLock> rlocks) { super(length, 8, rlocks); }
        Doubles(Segment s, long base, int length, RLock lock) { super(s, base, length, 8, lock); }
        @Override int type() { return 2; }
        public double get(int i) { return (double) Mem.DOUBLE.getVolatile(mem, at(i, 3)); }
        public void set(int i, double v) { Mem.DOUBLE.setVolatile(mem, at(i, 3), v); }
        public double[] toArray() { double[] a = new double[length]; copyTo(0, a, 0, length); return a; }
        public void copyFrom(double[] src, int srcPos, int index, int n) {
            long off = range(index, n, src.length, srcPos, 3);
            bulk(() -> MemorySegment.copy(src, srcPos, mem, ValueLayout.JAVA_DOUBLE, off, n));
        }
        public void copyTo(int index, double[] dst, int dstPos, int n) {
            long off = range(index, n, dst.length, dstPos, 3);
            bulk(() -> MemorySegment.copy(mem, ValueLayout.JAVA_DOUBLE, off, dst, dstPos, n));
        }
        @Override public String toString() { return "SharedArray.OfDouble" + java.util.Arrays.toString(toArray()); }
    }

    public static final class Bytes extends Base implements SharedArray.OfByte {
        @Serial private static final long serialVersionUID = 1L;
        public Bytes(int length, Function<LockCore, RLock> rlocks) { super(length, 1, rlocks); }
        Bytes(Segment s, long base, int length, RLock lock) { super(s, base, length, 1, lock); }
        @Override int type() { return 3; }
        public byte get(int i) { return (byte) Mem.BYTE.getVolatile(mem, at(i, 0)); }
        public void set(int i, byte v) { Mem.BYTE.setVolatile(mem, at(i, 0), v); }
        public byte[] toArray() { byte[] a = new byte[length]; copyTo(0, a, 0, length); return a; }
        public void copyFrom(byte[] src, int srcPos, int index, int n) {
            long off = range(index, n, src.length, srcPos, 0);
            bulk(() -> MemorySegment.copy(src, srcPos, mem, ValueLayout.JAVA_BYTE, off, n));
        }
        public void copyTo(int index, byte[] dst, int dstPos, int n) {
            long off = range(index, n, dst.length, dstPos, 0);
            bulk(() -> MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, off, dst, dstPos, n));
        }
        @Override public String toString() { return "SharedArray.OfByte" + java.util.Arrays.toString(toArray()); }
    }
}
