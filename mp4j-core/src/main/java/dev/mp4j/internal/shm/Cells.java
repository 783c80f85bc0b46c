package dev.mp4j.internal.shm;

/**
 * Small shared blocks (a lock, a semaphore, a value) carved out of shared slabs, so that creating one costs no
 * system call: a new {@link Segment} costs several, each slow in a sandbox, and a file descriptor and a mapping.
 * A cell is never reused; its slab lives (in every process) while anything in it is reachable there, and the
 * kernel frees it with the last holder, as for any segment.
 */
public final class Cells {
    private Cells() {}

    /** A block: {@code size} zeroed bytes at {@code offset} in {@code segment.memory()}, 64-byte aligned. */
    public record Cell(Segment segment, long offset) {}

    /** Blocks larger than this get a segment of their own. */
    public static final long MAX_CELL = 1024;
    private static final long SLAB = 64 * 1024;
    private static Segment slab;
    private static long used;

    /** A zeroed block of {@code size} bytes, aligned to 64 (a cache line, so blocks never share one). */
    public static synchronized Cell allocate(long size) {
        if (size <= 0) throw new IllegalArgumentException("cell size must be positive, got " + size);
        long rounded = (size + 63) & ~63L;
        if (rounded > MAX_CELL) return new Cell(Segment.create(rounded), 0);
        if (slab == null || used + rounded > SLAB) {
            slab = Segment.create(SLAB);
            used = 0;
        }
        Cell c = new Cell(slab, used);
        used += rounded;
        return c;
    }
}
