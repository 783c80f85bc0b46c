package dev.mp4j;

import dev.mp4j.internal.sync.CellValues;
import dev.mp4j.internal.sync.Values;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.Value}: one primitive in shared memory, seen by threads and processes alike.
 * By default it comes with an {@link RLock} ({@link OfInt#getLock()} etc.) that {@code set} takes, so that
 * {@code try (var h = v.getLock().hold()) { v.set(v.get() + 1); }} is atomic; {@code ofX(v, false)} makes a raw
 * value without one ({@code getLock()}: UnsupportedOperationException). {@code get()} is an atomic read and never
 * blocks. Int and long values add lock-free atomics (they do not take the lock), double values a lock-free
 * {@code addAndGet}. Handles are serializable: in another process they are the same value.
 */
public final class Value {
    private Value() {}

    /** Common to every typed value. */
    public interface Shared extends Serializable {
        /** The value's lock; UnsupportedOperationException for a raw value. */
        RLock getLock();
    }

    /** Python {@code Value('i')}. */
    public interface OfInt extends Shared {
        int get();
        void set(int value);
        int getAndAdd(int delta);
        int addAndGet(int delta);
        int incrementAndGet();
        int decrementAndGet();
        int getAndSet(int value);
        boolean compareAndSet(int expected, int value);
    }

    /** Python {@code Value('q')}. */
    public interface OfLong extends Shared {
        long get();
        void set(long value);
        long getAndAdd(long delta);
        long addAndGet(long delta);
        long incrementAndGet();
        long decrementAndGet();
        long getAndSet(long value);
        boolean compareAndSet(long expected, long value);
    }

    /** Python {@code Value('d')}. */
    public interface OfDouble extends Shared {
        double get();
        void set(double value);
        /** Lock-free (a CAS loop on the bits). */
        double addAndGet(double delta);
    }

    /** Python {@code Value('f')}. */
    public interface OfFloat extends Shared {
        float get();
        void set(float value);
    }

    /** Python {@code Value('h')}. */
    public interface OfShort extends Shared {
        short get();
        void set(short value);
    }

    /** Python {@code Value('b')}. */
    public interface OfByte extends Shared {
        byte get();
        void set(byte value);
    }

    /** Python {@code Value('u')} (a UTF-16 unit). */
    public interface OfChar extends Shared {
        char get();
        void set(char value);
    }

    /** Python {@code Value(ctypes.c_bool)}. */
    public interface OfBoolean extends Shared {
        boolean get();
        void set(boolean value);
    }

    public static OfInt ofInt(int value) { return ofInt(value, true); }
    public static OfInt ofInt(int value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.IntValue(lock, RLock::new, value) : new CellValues.IntCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfLong ofLong(long value) { return ofLong(value, true); }
    public static OfLong ofLong(long value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.LongValue(lock, RLock::new, value) : new CellValues.LongCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfDouble ofDouble(double value) { return ofDouble(value, true); }
    public static OfDouble ofDouble(double value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.DoubleValue(lock, RLock::new, value) : new CellValues.DoubleCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfFloat ofFloat(float value) { return ofFloat(value, true); }
    public static OfFloat ofFloat(float value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.FloatValue(lock, RLock::new, value) : new CellValues.FloatCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfShort ofShort(short value) { return ofShort(value, true); }
    public static OfShort ofShort(short value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.ShortValue(lock, RLock::new, value) : new CellValues.ShortCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfByte ofByte(byte value) { return ofByte(value, true); }
    public static OfByte ofByte(byte value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.ByteValue(lock, RLock::new, value) : new CellValues.ByteCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfChar ofChar(char value) { return ofChar(value, true); }
    public static OfChar ofChar(char value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.CharValue(lock, RLock::new, value) : new CellValues.CharCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }
    public static OfBoolean ofBoolean(boolean value) { return ofBoolean(value, true); }
    public static OfBoolean ofBoolean(boolean value, boolean lock) {
        var e = Context.defaultEngine();
        return e == null ? new Values.BooleanValue(lock, RLock::new, value) : new CellValues.BooleanCell(e.cell(value), lock ? new RLock(e.lock(true)) : null);
    }

}
