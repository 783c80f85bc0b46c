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

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        mem = segment.memory();
    }
}
