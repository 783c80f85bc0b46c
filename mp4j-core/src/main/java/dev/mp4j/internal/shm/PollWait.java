package dev.mp4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable wait: spin briefly, then park with a growing pause (capped at {@link #MAX_PARK_NANOS}) and re-read
 * the word. Waiters register by address so that a waker in the same process unparks them at once; waiters in other
 * processes see the change at their next poll.
 */
final class PollWait {
    private PollWait() {}

    private static final int SPINS = 64;
    private static final long MAX_PARK_NANOS = 1_000_000L;
    private static final Map<Long, Set<Thread>> WAITERS = new ConcurrentHashMap<>();

    static boolean await(MemorySegment segment, long offset, int expected, long timeoutNanos) {
        for (int i = 0; i < SPINS; i++) {
            // Volatile read: the value is written by another thread or process; we must not hoist it.
            if ((int) Mem.INT.getVolatile(segment, offset) != expected) return true;
            Thread.onSpinWait();
        }
        long address = segment.address() + offset;
        Thread me = Thread.currentThread();
        Set<Thread> set = WAITERS.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet());
        set.add(me);
        try {
            long start = System.nanoTime();
            long pause = 2_000;
            while ((int) Mem.INT.getVolatile(segment, offset) == expected) {
                long left = timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) return false;
                if (me.isInterrupted()) return true;
                // Return every slice like the futex path does, so callers check dead peers on the same cadence.
                if (System.nanoTime() - start >= Futex.SLICE_NANOS) return true;
                LockSupport.parkNanos(Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_PARK_NANOS);
            }
            return true;
        } finally {
            set.remove(me);
            if (set.isEmpty()) WAITERS.remove(address, set);
        }
    }

    static void wake(MemorySegment segment, long offset) {
        Set<Thread> set = WAITERS.get(segment.address() + offset);
        if (set != null) for (Thread t : set) LockSupport.unpark(t);
    }
}
