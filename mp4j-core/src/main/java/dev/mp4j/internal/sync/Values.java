package dev.mp4j.internal.sync;

import dev.mp4j.RLock;
import dev.mp4j.Value;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/**
 * The implementations of {@link Value}'s typed handles. Layout of a value's cell: its RLock's 64-byte line, then
 * the value at {@link #VALUE} on a line of its own. Reads are volatile (atomic, never block); set() takes the
 * lock when there is one, so it waits for a holder doing read-modify-write under it; the atomics are CAS-based
 * and lock-free, like AtomicInteger across processes.
 */
public final class Values {
    private Values() {}

    public static final long VALUE = 64;
    static final long CELL_SIZE = 128;

    static {
        // passed to a child in its target, a value skips Java serialization (see Portable); the type codes are
        // those of each class's Cell.type()
        Portable.register(Portable.SHARED_VALUE, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                Segment s = SharedWords.checkedSegment(f[1]);
                long b = SharedWords.checkedBase(f[2]);
                RLock l = (RLock) f[3];
                return switch ((Integer) f[0]) {
                    case 0 -> new IntValue(s, b, l);
                    case 1 -> new LongValue(s, b, l);
                    case 2 -> new DoubleValue(s, b, l);
                    case 3 -> new FloatValue(s, b, l);
                    case 4 -> new ShortValue(s, b, l);
                    case 5 -> new ByteValue(s, b, l);
                    case 6 -> new CharValue(s, b, l);
                    case 7 -> new BooleanValue(s, b, l);
                    default -> throw new IllegalArgumentException("bad shared value type " + f[0]);
                };
            }
        });
    }

    /** Shared state of every typed value: the segment, its lock (null when raw). */
    abstract static class Cell implements Value.Shared, Portable {
        @Serial private static final long serialVersionUID = 1L;

        final Segment segment;
        final long base;
        final RLock lock;
        /** The lock's machinery (the same object as inside {@code lock}), for the held-already fast path of set(). */
        final LockCore core;
        /** The value's own slice (VALUE bytes past the lock's line): accesses below use offset 0. */
        transient MemorySegment mem;

        Cell(boolean locked, Function<LockCore, RLock> rlocks) {
            Cells.Cell c = Cells.allocate(CELL_SIZE);
            this.segment = c.segment();
            this.base = c.offset();
            this.core = locked ? new LockCore(segment, base, true) : null;
            this.lock = locked ? rlocks.apply(core) : null;
            this.mem = segment.memory().asSlice(base + VALUE, 8);
        }

        @Override
        public RLock getLock() {
            if (lock == null) throw new UnsupportedOperationException("raw Value (created with lock=false) has no lock");
            return lock;
        }

        /** Rebuilt in a receiving process from its {@link Portable} fields (the lock: the same one, in its own form). */
        Cell(Segment segment, long base, RLock lock) {
            this.segment = segment;
            this.base = base;
            this.lock = lock;
            this.core = lock == null ? null : new LockCore(segment, base, true);
            this.mem = segment.memory().asSlice(base + VALUE, 8);
        }

        /** This class's code in the {@link Portable} form. */
        abstract int type();

        @Override public int portableKind() { return Portable.SHARED_VALUE; }

        @Override public Object[] portableFields() { return new Object[] {type(), segment, base, lock}; }

        /** Takes the lock for a set() unless there is none or this thread holds it already; true if taken. */
        boolean lock() {
            if (core == null || core.heldByCurrentThread()) return false;
            core.acquire(Waits.FOREVER);
            return true;
        }

        void unlock(boolean taken) {
            if (taken) core.release();
        }

        abstract String show();

        @Override
        public String toString() {
            return "Value(" + show() + (lock == null ? ", raw" : "") + ")";
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            mem = segment.memory().asSlice(base + VALUE, 8);
        }
    }

    public static final class IntValue extends Cell implements Value.OfInt {
        @Serial private static final long serialVersionUID = 1L;

        IntValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 0; }

        public IntValue(boolean locked, Function<LockCore, RLock> rlocks, int initial) {
            super(locked, rlocks);
            Mem.INT.setVolatile(mem, 0L, initial);
        }

        // Volatile/atomic modes throughout: the value is read and written by other processes without our lock.
        public int get() { return (int) Mem.INT.getVolatile(mem, 0L); }
        public void set(int v) { boolean l = lock(); try { Mem.INT.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        public int getAndAdd(int d) { return (int) Mem.INT.getAndAdd(mem, 0L, d); }
        public int addAndGet(int d) { return (int) Mem.INT.getAndAdd(mem, 0L, d) + d; }
        public int incrementAndGet() { return addAndGet(1); }
        public int decrementAndGet() { return addAndGet(-1); }
        public int getAndSet(int v) { return (int) Mem.INT.getAndSet(mem, 0L, v); }
        public boolean compareAndSet(int e, int v) { return Mem.INT.compareAndSet(mem, 0L, e, v); }
        String show() { return "int " + get(); }
    }

    public static final class LongValue extends Cell implements Value.OfLong {
        @Serial private static final long serialVersionUID = 1L;

        LongValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 1; }

        public LongValue(boolean locked, Function<LockCore, RLock> rlocks, long initial) {
            super(locked, rlocks);
            Mem.LONG.setVolatile(mem, 0L, initial);
        }

        public long get() { return (long) Mem.LONG.getVolatile(mem, 0L); }
        public void set(long v) { boolean l = lock(); try { Mem.LONG.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        public long getAndAdd(long d) { return (long) Mem.LONG.getAndAdd(mem, 0L, d); }
        public long addAndGet(long d) { return (long) Mem.LONG.getAndAdd(mem, 0L, d) + d; }
        public long incrementAndGet() { return addAndGet(1); }
        public long decrementAndGet() { return addAndGet(-1); }
        public long getAndSet(long v) { return (long) Mem.LONG.getAndSet(mem, 0L, v); }
        public boolean compareAndSet(long e, long v) { return Mem.LONG.compareAndSet(mem, 0L, e, v); }
        String show() { return "long " + get(); }
    }

    public static final class DoubleValue extends Cell implements Value.OfDouble {
        @Serial private static final long serialVersionUID = 1L;

        DoubleValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 2; }

        public DoubleValue(boolean locked, Function<LockCore, RLock> rlocks, double initial) {
            super(locked, rlocks);
            set(initial);
        }

        // Stored as raw long bits so that addAndGet can CAS them (bitwise equality: NaN-safe).
        public double get() { return Double.longBitsToDouble((long) Mem.LONG.getVolatile(mem, 0L)); }
        public void set(double v) { boolean l = lock(); try { Mem.LONG.setVolatile(mem, 0L, Double.doubleToRawLongBits(v)); } finally { unlock(l); } }
        public double addAndGet(double d) {
            while (true) {
                long bits = (long) Mem.LONG.getVolatile(mem, 0L);
                double next = Double.longBitsToDouble(bits) + d;
                if (Mem.LONG.compareAndSet(mem, 0L, bits, Double.doubleToRawLongBits(next))) return next;
            }
        }
        String show() { return "double " + get(); }
    }

    public static final class FloatValue extends Cell implements Value.OfFloat {
        @Serial private static final long serialVersionUID = 1L;

        FloatValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 3; }

        public FloatValue(boolean locked, Function<LockCore, RLock> rlocks, float initial) {
            super(locked, rlocks);
            set(initial);
        }

        public float get() { return (float) Mem.FLOAT.getVolatile(mem, 0L); }
        public void set(float v) { boolean l = lock(); try { Mem.FLOAT.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        String show() { return "float " + get(); }
    }

    public static final class ShortValue extends Cell implements Value.OfShort {
        @Serial private static final long serialVersionUID = 1L;

        ShortValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 4; }

        public ShortValue(boolean locked, Function<LockCore, RLock> rlocks, short initial) {
            super(locked, rlocks);
            set(initial);
        }

        public short get() { return (short) Mem.SHORT.getVolatile(mem, 0L); }
        public void set(short v) { boolean l = lock(); try { Mem.SHORT.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        String show() { return "short " + get(); }
    }

    public static final class ByteValue extends Cell implements Value.OfByte {
        @Serial private static final long serialVersionUID = 1L;

        ByteValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 5; }

        public ByteValue(boolean locked, Function<LockCore, RLock> rlocks, byte initial) {
            super(locked, rlocks);
            set(initial);
        }

        public byte get() { return (byte) Mem.BYTE.getVolatile(mem, 0L); }
        public void set(byte v) { boolean l = lock(); try { Mem.BYTE.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        String show() { return "byte " + get(); }
    }

    public static final class CharValue extends Cell implements Value.OfChar {
        @Serial private static final long serialVersionUID = 1L;

        CharValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 6; }

        public CharValue(boolean locked, Function<LockCore, RLock> rlocks, char initial) {
            super(locked, rlocks);
            set(initial);
        }

        public char get() { return (char) Mem.CHAR.getVolatile(mem, 0L); }
        public void set(char v) { boolean l = lock(); try { Mem.CHAR.setVolatile(mem, 0L, v); } finally { unlock(l); } }
        String show() { return "char '" + get() + "'"; }
    }

    public static final class BooleanValue extends Cell implements Value.OfBoolean {
        @Serial private static final long serialVersionUID = 1L;

        BooleanValue(Segment s, long base, RLock lock) { super(s, base, lock); }

        @Override int type() { return 7; }

        public BooleanValue(boolean locked, Function<LockCore, RLock> rlocks, boolean initial) {
            super(locked, rlocks);
            set(initial);
        }

        public boolean get() { return (byte) Mem.BYTE.getVolatile(mem, 0L) != 0; }
        public void set(boolean v) { boolean l = lock(); try { Mem.BYTE.setVolatile(mem, 0L, (byte) (v ? 1 : 0)); } finally { unlock(l); } }
        String show() { return "boolean " + get(); }
    }
}
