package dev.mp4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Mixed processes: a JVM without native access (a user's main JVM without the flag, say) cannot issue FUTEX_WAKE,
 * so a waiter sleeping in the kernel would only notice its wake-up at the end of its slice. Such a JVM therefore
 * marks every segment it creates or attaches ("a poller uses this"), and futex waiters on a marked segment sleep in
 * short slices, which keeps wake-ups within about a millisecond, as with the portable wait. Segments used only by
 * native processes keep long slices and pure kernel wake-ups.
 */
final class Pollers {
    private Pollers() {}

    private record Range(long end, MemorySegment header, long flagOffset) {}

    /** Native JVMs only: data start address -> the segment's header flag. */
    private static final ConcurrentSkipListMap<Long, Range> RANGES = new ConcurrentSkipListMap<>();

    /** Called for each segment this JVM creates or attaches; {@code header[flagOffset]} is the segment's int flag. */
    static void joined(MemorySegment data, MemorySegment header, long flagOffset) {
        if (!Futex.isNative()) {
            // Volatile: waiters in other processes read it before choosing their slice.
            Mem.INT.setVolatile(header, flagOffset, 1);
        } else {
            RANGES.put(data.address(), new Range(data.address() + data.byteSize(), header, flagOffset));
        }
    }

    /** Forgets a segment this JVM no longer maps. */
    static void left(long dataAddress) {
        RANGES.remove(dataAddress);
    }

    /** Whether the segment holding {@code segment}'s first byte has a polling user. */
    static boolean present(MemorySegment segment) {
        long a = segment.address();
        Map.Entry<Long, Range> e = RANGES.floorEntry(a);
        if (e == null || a >= e.getValue().end) return false;
        Range r = e.getValue();
        return (int) Mem.INT.getVolatile(r.header, r.flagOffset) != 0;
    }
}
