package dev.mp4j.internal.messaging;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.transport.MessageChannel;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/** This process's copy of one end of a {@link PipeCore}: the message channel under a pipe's Connection. */
public final class PipeEnd implements MessageChannel {
    private final PipeCore core;
    private final int end;
    private final Ring inbox, outbox;
    /** Shared with the cleaner: an end dropped without close() is closed once unreachable, as Python's are. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private static final Cleaner CLEANER = Cleaner.create();

    private PipeEnd(PipeCore core, int end) {
        this.core = core;
        this.end = end;
        this.inbox = core.inbox(end);
        this.outbox = core.outbox(end);
        AtomicBoolean flag = closed;
        CLEANER.register(this, () -> { if (flag.compareAndSet(false, true)) core.release(end); });
    }

    /** Both ends of a new pipe: index 0 is Python's first (left) end. One-way: 0 receives, 1 sends. */
    public static PipeEnd[] open(boolean duplex) {
        PipeCore core = PipeCore.create(duplex);
        core.hold(0, 0);
        core.hold(1, 0);
        return new PipeEnd[] {new PipeEnd(core, 0), new PipeEnd(core, 1)};
    }

    @Override
    public String toString() { return "PipeEnd[" + end + ", in=" + inbox + ", out=" + outbox + "]"; }

    @Override public Limits limits() { return Limits.NONE; }

    @Override
    public void send(Encoded message) {
        outbox.put(new EncodedPayload(message), 0, Waits.FOREVER, this::checkReceiverAlive);
    }

    @Override
    public void send(byte[] bytes, int offset, int length) {
        outbox.put(new BytesPayload(bytes, offset, length), 0, Waits.FOREVER, this::checkReceiverAlive);
    }

    @Override
    public byte[] receive() {
        return inbox.take(COPY, Waits.FOREVER, this::checkSenderAlive, null);
    }

    @Override
    public boolean poll(long timeoutNanos) {
        try {
            return inbox.awaitReadable(Waits.deadline(Math.max(0, timeoutNanos)), this::checkSenderAlive);
        } catch (ConnectionClosedException eof) {
            return true; // end-of-stream is "ready": recv will say so
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) core.release(end);
    }

    /** Throws end-of-stream if no live process holds the other end and nothing is left to read. */
    private void checkSenderAlive() {
        if (!core.held(1 - end) && !inbox.readable()) throw new ConnectionClosedException("the other end of the pipe is closed");
    }

    /** A full buffer nobody will ever read must not block the sender forever. */
    private void checkReceiverAlive() {
        if (!core.held(1 - end)) throw new ConnectionClosedException("the other end of the pipe is closed");
    }

    @Override
    public Serializable wireForm() {
        long token = core.lend(end);
        // a copy the codec wrote in its own form but then sent through Java serialization after all: not pending
        Portable.onAbandon(new Runnable() { @Override public void run() { core.unlend(end, token); } });
        return new Wire(core, end, token);
    }

    private static final Ring.Reader<byte[]> COPY = (mem, offset, length) -> {
        byte[] b = new byte[length];
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, offset, b, 0, length);
        return b;
    };

    private record BytesPayload(byte[] bytes, int offset, int length) implements Ring.Payload {
        @Override
        public void copyTo(MemorySegment mem, long at) {
            MemorySegment.copy(bytes, offset, mem, ValueLayout.JAVA_BYTE, at, length);
        }
    }

    /**
     * A copy of an end on its way to another process; claims its pending slot on arrival. A class, not a record: a
     * JVM's first record deserialization costs it some 20 ms of method-handle set-up.
     */
    private static final class Wire implements MessageChannel.Wire, Portable {
        @Serial private static final long serialVersionUID = 1L;
        private final PipeCore core;
        private final int end;
        private final long token;

        Wire(PipeCore core, int end, long token) {
            this.core = core;
            this.end = end;
            this.token = token;
        }

        static {
            Portable.register(Portable.PIPE_END, new Portable.Reader() {
                @Override public Object read(Object[] f) {
                    int end = (Integer) f[1];
                    if (end != 0 && end != 1) throw new IllegalArgumentException("bad pipe end " + end);
                    return new Wire((PipeCore) f[0], end, (Long) f[2]);
                }
            });
        }

        @Override public int portableKind() { return Portable.PIPE_END; }

        @Override public Object[] portableFields() { return new Object[] {core, end, token}; }

        @Serial
        private Object readResolve() throws java.io.InvalidObjectException {
            if (core == null || end != 0 && end != 1) throw new java.io.InvalidObjectException("bad pipe end");
            return this;
        }

        @Override
        public MessageChannel attach() {
            core.hold(end, token);
            return new PipeEnd(core, end);
        }
    }
}
