package dev.mp4j.internal.sync;

import dev.mp4j.RLock;
import dev.mp4j.Value;
import dev.mp4j.internal.backend.Backends;
import java.io.Serial;

/**
 * {@link Value}'s typed handles over an engine's {@link Backends.OfCell} (a value living in a cluster). As for the
 * shared-memory ones: reads never take the lock, {@code set} takes it unless this thread holds it already, the
 * atomics are single atomic operations of the cell and take no lock.
 */
public final class CellValues {
    private CellValues() {}

    abstract static class Base implements Value.Shared {
        @Serial private static final long serialVersionUID = 1L;
        final Backends.OfCell cell;
        final RLock lock;

        Base(Backends.OfCell cell, RLock lock) {
            this.cell = cell;
            this.lock = lock;
        }

        @Override
        public RLock getLock() {
            if (lock == null) throw new UnsupportedOperationException("raw Value (created with lock=false) has no lock");
            return lock;
        }

        final void put(Object v) {
            boolean taken = lock != null && !lock.isHeldByCurrentThread();
            if (taken) lock.acquire();
            try {
                cell.set(v);
            } finally {
                if (taken) lock.release();
            }
        }

        @Override
        public String toString() {
            return "Value(" + cell.get() + (lock == null ? ", raw" : "") + ")";
        }
    }

    public static final class IntCell extends Base implements Value.OfInt {
        @Serial private static final long serialVersionUID = 1L;

        public IntCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public int get() { return (Integer) cell.get(); }

        @Override public void set(int value) { put(value); }

        @Override public int getAndAdd(int delta) { return (Integer) cell.getAndAdd(delta); }

        @Override public int addAndGet(int delta) { return (int) (getAndAdd(delta) + delta); }

        @Override public int incrementAndGet() { return addAndGet(1); }

        @Override public int decrementAndGet() { return addAndGet(-1); }

        @Override public int getAndSet(int value) { return (Integer) cell.getAndSet(value); }

        @Override public boolean compareAndSet(int expected, int value) { return cell.compareAndSet(expected, value); }
    }

    public static final class LongCell extends Base implements Value.OfLong {
        @Serial private static final long serialVersionUID = 1L;

        public LongCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public long get() { return (Long) cell.get(); }

        @Override public void set(long value) { put(value); }

        @Override public long getAndAdd(long delta) { return (Long) cell.getAndAdd(delta); }

        @Override public long addAndGet(long delta) { return (long) (getAndAdd(delta) + delta); }

        @Override public long incrementAndGet() { return addAndGet(1L); }

        @Override public long decrementAndGet() { return addAndGet(-1L); }

        @Override public long getAndSet(long value) { return (Long) cell.getAndSet(value); }

        @Override public boolean compareAndSet(long expected, long value) { return cell.compareAndSet(expected, value); }
    }

    public static final class DoubleCell extends Base implements Value.OfDouble {
        @Serial private static final long serialVersionUID = 1L;

        public DoubleCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public double get() { return (Double) cell.get(); }

        @Override public void set(double value) { put(value); }

        @Override public double addAndGet(double delta) { return (Double) cell.getAndAdd(delta) + delta; }
    }

    public static final class FloatCell extends Base implements Value.OfFloat {
        @Serial private static final long serialVersionUID = 1L;

        public FloatCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public float get() { return (Float) cell.get(); }

        @Override public void set(float value) { put(value); }
    }

    public static final class ShortCell extends Base implements Value.OfShort {
        @Serial private static final long serialVersionUID = 1L;

        public ShortCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public short get() { return (Short) cell.get(); }

        @Override public void set(short value) { put(value); }
    }

    public static final class ByteCell extends Base implements Value.OfByte {
        @Serial private static final long serialVersionUID = 1L;

        public ByteCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public byte get() { return (Byte) cell.get(); }

        @Override public void set(byte value) { put(value); }
    }

    public static final class CharCell extends Base implements Value.OfChar {
        @Serial private static final long serialVersionUID = 1L;

        public CharCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public char get() { return (Character) cell.get(); }

        @Override public void set(char value) { put(value); }
    }

    public static final class BooleanCell extends Base implements Value.OfBoolean {
        @Serial private static final long serialVersionUID = 1L;

        public BooleanCell(Backends.OfCell cell, RLock lock) { super(cell, lock); }

        @Override public boolean get() { return (Boolean) cell.get(); }

        @Override public void set(boolean value) { put(value); }
    }
}
