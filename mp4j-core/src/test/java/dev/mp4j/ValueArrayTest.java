package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_value, test_getobj_getlock, test_array, test_rawarray, across processes. */
@Timeout(60)
class ValueArrayTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void everyKindCrossesToAChildAndBack() {
        Value.OfInt i = Value.ofInt(25);
        Value.OfLong l = Value.ofLong(1L << 40, false);
        Value.OfDouble d = Value.ofDouble(1.25);
        Value.OfFloat f = Value.ofFloat(2.5f, false);
        Value.OfShort s = Value.ofShort((short) -7);
        Value.OfByte b = Value.ofByte((byte) 3);
        Value.OfChar c = Value.ofChar('x');
        Value.OfBoolean z = Value.ofBoolean(true, false);
        Process p = new Process(() -> {
            if (i.get() != 25 || l.get() != 1L << 40 || d.get() != 1.25 || f.get() != 2.5f || s.get() != -7
                || b.get() != 3 || c.get() != 'x' || !z.get()) throw new AssertionError("child saw other values");
            i.set(-i.get());
            l.set(l.get() + 1);
            d.set(d.get() * 2);
            f.set(-f.get());
            s.set((short) 300);
            b.set((byte) -1);
            c.set('y');
            z.set(false);
        });
        p.start();
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
        assertEquals(-25, i.get());
        assertEquals((1L << 40) + 1, l.get());
        assertEquals(2.5, d.get());
        assertEquals(-2.5f, f.get());
        assertEquals(300, s.get());
        assertEquals(-1, b.get());
        assertEquals('y', c.get());
        assertFalse(z.get());
    }

    @Test
    void locksAndRawValues() {
        Value.OfInt locked = Value.ofInt(0);
        assertNotNull(locked.getLock());
        assertSame(locked.getLock(), locked.getLock());
        Value.OfInt raw = Value.ofInt(0, false);
        assertThrows(UnsupportedOperationException.class, raw::getLock);
        for (Value.Shared v : new Value.Shared[] {Value.ofLong(1, false), Value.ofDouble(1, false), Value.ofFloat(1, false),
            Value.ofShort((short) 1, false), Value.ofByte((byte) 1, false), Value.ofChar('a', false), Value.ofBoolean(true, false)}) {
            assertThrows(UnsupportedOperationException.class, v::getLock);
        }
        assertEquals("Value(int 0)", locked.toString());
        assertEquals("Value(int 0, raw)", raw.toString());
    }

    @Test
    void atomics() {
        Value.OfInt i = Value.ofInt(5);
        assertEquals(5, i.getAndAdd(2));
        assertEquals(10, i.addAndGet(3));
        assertEquals(11, i.incrementAndGet());
        assertEquals(10, i.decrementAndGet());
        assertEquals(10, i.getAndSet(1));
        assertTrue(i.compareAndSet(1, 9));
        assertFalse(i.compareAndSet(1, 2));
        assertEquals(9, i.get());
        Value.OfLong l = Value.ofLong(Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE, l.incrementAndGet());
        assertTrue(l.compareAndSet(Long.MAX_VALUE, 0));
        assertEquals(0, l.getAndSet(7));
        Value.OfDouble d = Value.ofDouble(0.5);
        assertEquals(2.0, d.addAndGet(1.5));
    }

    @Test
    void lockedIncrementsFromTwoProcessesAreExact() {
        Value.OfInt v = Value.ofInt(0);
        Value.OfLong atomic = Value.ofLong(0, false);
        Value.OfDouble sum = Value.ofDouble(0);
        SerializableRunnable work = () -> {
            RLock lock = v.getLock();
            for (int k = 0; k < 20_000; k++) {
                try (Lock.Held h = lock.hold()) {
                    v.set(v.get() + 1);
                }
                atomic.incrementAndGet();
                sum.addAndGet(0.5);
            }
        };
        Process a = new Process(work), b = new Process(work);
        a.start();
        b.start();
        assertTrue(a.join(Duration.ofSeconds(30)) && b.join(Duration.ofSeconds(30)));
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        assertEquals(40_000, v.get());
        assertEquals(40_000, atomic.get());
        assertEquals(20_000.0, sum.get());
    }

    @Test
    void arrays() {
        SharedArray.OfInt ints = SharedArray.ofInts(new int[] {1, 2, 3});
        SharedArray.OfLong longs = SharedArray.ofLongs(2);
        SharedArray.OfDouble doubles = SharedArray.ofDoubles(new double[] {0.5, 1.5});
        SharedArray.OfByte bytes = SharedArray.ofBytes("hello".getBytes());
        assertArrayEquals(new long[2], longs.toArray());
        assertEquals(3, ints.length());
        assertNotNull(ints.getLock());
        Process p = new Process(() -> {
            int[] seen = ints.toArray();
            for (int k = 0; k < seen.length; k++) ints.set(k, seen[k] * 10);
            longs.set(1, Long.MIN_VALUE);
            doubles.copyFrom(new double[] {9, 8, 7}, 1, 0, 2);
            bytes.set(0, (byte) 'j');
        });
        p.start();
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
        assertArrayEquals(new int[] {10, 20, 30}, ints.toArray());
        assertArrayEquals(new long[] {0, Long.MIN_VALUE}, longs.toArray());
        assertArrayEquals(new double[] {8, 7}, doubles.toArray());
        assertEquals("jello", new String(bytes.toArray()));
        int[] part = new int[4];
        ints.copyTo(1, part, 2, 2);
        assertArrayEquals(new int[] {0, 0, 20, 30}, part);
        assertEquals("SharedArray.OfInt[10, 20, 30]", ints.toString());
    }

    @Test
    void arrayBadInput() {
        SharedArray.OfInt a = SharedArray.ofInts(3);
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(5, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(new int[5], 0, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(2, new int[5], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofInts(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofBytes(-5));
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofLongs(-5));
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofDoubles(-5));
        a.set(2, 4);
        assertEquals(4, a.get(2), "still works");
        assertEquals(0, SharedArray.ofInts(0).toArray().length);
    }
}
