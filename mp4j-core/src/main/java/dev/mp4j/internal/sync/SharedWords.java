package dev.mp4j.internal.sync;

import dev.mp4j.internal.shm.Segment;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * Base of the synchronization cores: a block of words at {@code base} in a {@link Segment}. Serializes as the
 * segment (which re-attaches in the receiving process) plus the offset.
 */
abstract class SharedWords implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final Segment segment;
    final long base;
    /** The segment's memory, cached: one field read on the hot paths instead of a call. */
    transient MemorySegment mem;

    SharedWords(Segment segment, long base) {
        this.segment = segment;
        this.base = base;
        this.mem = segment.memory();
    }

    /** Field checks for a core arriving in the codec's own form. */
    static Segment checkedSegment(Object segment) {
        if (segment == null) throw new IllegalArgumentException("bad shared object: no segment");
        return (Segment) segment;
    }

    static long checkedBase(Object base) {
        long b = (Long) base;
        if (b < 0 || b % 8 != 0) throw new IllegalArgumentException("bad shared object offset " + b);
        return b;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        mem = segment.memory();
    }
}
