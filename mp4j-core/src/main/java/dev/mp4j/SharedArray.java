package dev.mp4j;

import dev.mp4j.internal.sync.SharedArrays;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.Array}: a fixed-length primitive array in shared memory, with an {@link RLock}
 * ({@code getLock()}). Element reads and writes are atomic and lock-free; the bulk copies ({@code copyFrom},
 * {@code copyTo}, {@code toArray}) take the lock, so they never see or make half of another bulk copy. A bad
 * index or range: {@link IndexOutOfBoundsException}; a negative length: {@link IllegalArgumentException}. Handles
 * are serializable: in another process they are the same array.
 */
public final class SharedArray {
    private SharedArray() {}

    /** Common to every typed array. */
    public interface Shared extends Serializable {
        int length();
        /** The array's lock, also taken by the bulk copies. */
        RLock getLock();
    }

    /** Python {@code Array('i', n)}. */
    public interface OfInt extends Shared {
        int get(int index);
        void set(int index, int value);
        /** Atomic add to one element; returns the old value. */
        int getAndAdd(int index, int delta);
        int[] toArray();
        /** Copies {@code length} elements of {@code src} from {@code srcPos} to this array at {@code index}. */
        void copyFrom(int[] src, int srcPos, int index, int length);
        /** Copies {@code length} elements of this array from {@code index} to {@code dst} at {@code dstPos}. */
        void copyTo(int index, int[] dst, int dstPos, int length);
    }

    /** Python {@code Array('q', n)}. */
    public interface OfLong extends Shared {
        long get(int index);
        void set(int index, long value);
        long getAndAdd(int index, long delta);
        long[] toArray();
        void copyFrom(long[] src, int srcPos, int index, int length);
        void copyTo(int index, long[] dst, int dstPos, int length);
    }

    /** Python {@code Array('d', n)}. */
    public interface OfDouble extends Shared {
        double get(int index);
        void set(int index, double value);
        double[] toArray();
        void copyFrom(double[] src, int srcPos, int index, int length);
        void copyTo(int index, double[] dst, int dstPos, int length);
    }

    /** Python {@code Array('b', n)} (or a shared {@code bytearray}). */
    public interface OfByte extends Shared {
        byte get(int index);
        void set(int index, byte value);
        byte[] toArray();
        void copyFrom(byte[] src, int srcPos, int index, int length);
        void copyTo(int index, byte[] dst, int dstPos, int length);
    }

    /** {@code length} zeros. */
    public static OfInt ofInts(int length) { return new SharedArrays.Ints(length, RLock::new); }
    /** A shared copy of {@code values}. */
    public static OfInt ofInts(int[] values) {
        OfInt a = ofInts(values.length);
        a.copyFrom(values, 0, 0, values.length);
        return a;
    }
    public static OfLong ofLongs(int length) { return new SharedArrays.Longs(length, RLock::new); }
    public static OfLong ofLongs(long[] values) {
        OfLong a = ofLongs(values.length);
        a.copyFrom(values, 0, 0, values.length);
        return a;
    }
    public static OfDouble ofDoubles(int length) { return new SharedArrays.Doubles(length, RLock::new); }
    public static OfDouble ofDoubles(double[] values) {
        OfDouble a = ofDoubles(values.length);
        a.copyFrom(values, 0, 0, values.length);
        return a;
    }
    public static OfByte ofBytes(int length) { return new SharedArrays.Bytes(length, RLock::new); }
    public static OfByte ofBytes(byte[] values) {
        OfByte a = ofBytes(values.length);
        a.copyFrom(values, 0, 0, values.length);
        return a;
    }
}
