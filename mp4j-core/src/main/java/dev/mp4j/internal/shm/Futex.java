package dev.mp4j.internal.shm;

import java.lang.foreign.MemorySegment;

/**
 * The one wait/wake primitive of mp4j's shared-memory types (locks, semaphores, events, conditions, barriers,
 * queue rings): "sleep while this int still holds that value" and "wake sleepers on this int", across threads and
 * processes. Python's multiprocessing uses POSIX semaphores for this; we use the word in shared memory itself.
 *
 * <p>Two implementations, chosen once per JVM:
 * <ul>
 *   <li>Linux futex ({@code FUTEX_WAIT}/{@code FUTEX_WAKE}, the shared, not {@code _PRIVATE}, operations, so a
 *       waiter in one process is woken from another) through the FFM linker, when this module has native access
 *       ({@code --enable-native-access=ALL-UNNAMED} on the class path, {@code =dev.mp4j} on the module path);</li>
 *   <li>otherwise a portable spin-then-park poll that prints nothing: same-process waiters are unparked at once by
 *       {@link #wake}, waiters in other processes notice the change within about a millisecond.</li>
 * </ul>
 * The system property {@code mp4j.futex=false} forces the portable one. Mixed processes (some native, some not)
 * stay correct and wake within about a millisecond: see {@link Pollers}.
 *
 * <p>Contract for callers (the messaging code too): the word at {@code offset} must be a naturally aligned int in a
 * shared mapping (a {@link Segment} or {@link SharedFile}); {@link #await} may return early (spuriously, on
 * interrupt, or every few tens of milliseconds), so always re-check the condition in a loop; the waker changes the
 * word first (with release or volatile semantics), then calls {@link #wake}. Neither method throws on interrupt:
 * {@code await} returns early with the flag still set and the caller decides.
 */
public final class Futex {
    private Futex() {}

    /** Longest single kernel wait, so that interrupts and dead peers are noticed without anyone waking us. */
    static final long SLICE_NANOS = 25_000_000L;

    /** The slice on segments that a JVM without native access also uses: its wakes are not kernel wakes. */
    static final long POLLED_SLICE_NANOS = 1_000_000L;

    private static final boolean NATIVE = NativeFutex.available();

    /** Whether the futex fast path is in use in this JVM. */
    public static boolean isNative() {
        return NATIVE;
    }

    /**
     * Links the native wait/wake now, where it is off anyone's critical path (an AOT training run, so the cache
     * holds what linking generates; a WARM standby): the first link costs a cold JVM 30-150 ms of CPU otherwise paid
     * by its first wait or wake. Nothing without the fast path.
     */
    public static void prepare() {
        if (NATIVE) NativeFutex.prepare();
    }

    /**
     * Waits while the int at {@code segment[offset]} equals {@code expected}, for at most {@code timeoutNanos}
     * ({@code Long.MAX_VALUE}: no limit, though it still returns every slice of {@value #SLICE_NANOS} ns at most).
     *
     * @return {@code false} only if the whole timeout elapsed; {@code true} if woken, if the value differed, on
     *     interrupt, or spuriously. Returns at once (true) if the value already differs, and at once (false) if
     *     {@code timeoutNanos <= 0}.
     */
    public static boolean await(MemorySegment segment, long offset, int expected, long timeoutNanos) {
        if (!segment.isNative()) throw new IllegalArgumentException("futex words must be in shared (native) memory");
        if (timeoutNanos <= 0) return (int) Mem.INT.getVolatile(segment, offset) != expected;
        if (NATIVE) {
            boolean polled = Pollers.present(segment);
            if (polled && !NativeFutex.linked) {
                // a segment polled anyway (see wake): poll too until the syscall is linked, rather than link first
                NativeFutex.linkInBackground();
                return PollWait.await(segment, offset, expected, timeoutNanos);
            }
            long slice = Math.min(timeoutNanos, polled ? POLLED_SLICE_NANOS : SLICE_NANOS);
            long start = System.nanoTime();
            NativeFutex.await(segment, offset, expected, slice);
            return slice < timeoutNanos || System.nanoTime() - start < timeoutNanos;
        }
        return PollWait.await(segment, offset, expected, timeoutNanos);
    }

    /**
     * Wakes up to {@code count} waiters on the int at {@code segment[offset]} (use {@code Integer.MAX_VALUE} for
     * all). Change the word before calling this.
     */
    public static void wake(MemorySegment segment, long offset, int count) {
        if (!segment.isNative()) throw new IllegalArgumentException("futex words must be in shared (native) memory");
        if (NATIVE && (NativeFutex.linked || !Pollers.present(segment))) {
            NativeFutex.wake(segment, offset, count); // links the syscall first if need be
        } else {
            // No native wake: there is none to give (no native access), or this segment has a polling user, so
            // every waiter on it re-checks within a millisecond anyway and a cold JVM need not spend ~70 ms linking
            // the syscall before its first wake; it links in the background meanwhile.
            if (NATIVE) NativeFutex.linkInBackground();
            PollWait.wake(segment, offset);
        }
    }
}
