package dev.mp4j.internal.messaging;

import dev.mp4j.internal.codec.Encoded;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An encoded message as a ring payload: head then tail, copied straight into shared memory. */
record EncodedPayload(Encoded encoded) implements Ring.Payload {
    @Override public int length() { return encoded.length(); }

    @Override
    public void copyTo(MemorySegment mem, long offset) {
        MemorySegment.copy(encoded.head(), 0, mem, ValueLayout.JAVA_BYTE, offset, encoded.headLength());
        if (encoded.tailLength() > 0)
            MemorySegment.copy(encoded.tail(), encoded.tailOffset(), mem, ValueLayout.JAVA_BYTE, offset + encoded.headLength(), encoded.tailLength());
    }
}
