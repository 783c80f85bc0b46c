package dev.mp4j;

import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.transport.MessageChannel;
import dev.mp4j.internal.sync.Waits;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Python's {@code multiprocessing.connection.Connection}: one end of a {@link Pipe} or of a socket made by
 * {@link Listener#accept()} / {@link Client#connect}. Carries objects ({@link #send}/{@link #recv}) and raw
 * bytes ({@link #sendBytes}/{@link #recvBytes}) as whole messages: boundaries are kept, empty messages too.
 *
 * <p>{@code send} serializes the value at the call (later changes are not sent); a value that cannot be
 * serialized throws {@link IllegalArgumentException} naming its class and nothing is sent. One thread may
 * send while another receives. Once the peer has closed (every copy of it, for a pipe end passed to other
 * processes) or died, and everything it sent has been read, the receive methods throw
 * {@link ConnectionClosedException}. Using an end this process closed, sending on a receive-only end, or
 * receiving/polling on a send-only end throws {@link IllegalStateException}. Blocking calls throw
 * {@link java.util.concurrent.CancellationException} when interrupted (the interrupt flag is set again).
 *
 * <p>A pipe end is serializable: passed to a child (captured by a lambda, say) it is a copy of the same end,
 * as in Python; {@link #close()} closes this process's copy only. Socket connections cannot be passed.
 */
public final class Connection<T> implements AutoCloseable, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final transient MessageChannel channel;
    private final boolean readable, writable;
    private transient volatile boolean closed;

    Connection(MessageChannel channel, boolean readable, boolean writable) {
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
    }

    /** Sends {@code value} as one message (Python {@code send}). */
    public void send(T value) {
        checkWritable();
        Encoded message = Codec.scratch();
        Codec.encode(value, message);
        channel.send(message);
    }

    /** Receives the next object message (Python {@code recv}); blocks until one arrives. */
    @SuppressWarnings("unchecked")
    public T recv() {
        checkReadable();
        return (T) Codec.decode(ByteBuffer.wrap(channel.receive()), channel.limits());
    }

    /** Sends the whole of {@code bytes} as one message (Python {@code send_bytes}). */
    public void sendBytes(byte[] bytes) {
        sendBytes(bytes, 0, bytes.length);
    }

    /** Sends {@code length} bytes from {@code offset} as one message; a bad slice throws {@link IndexOutOfBoundsException}. */
    public void sendBytes(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkWritable();
        channel.send(bytes, offset, length);
    }

    /** Receives the next message as bytes (Python {@code recv_bytes}). */
    public byte[] recvBytes() {
        checkReadable();
        return channel.receive();
    }

    /**
     * Receives the next message into {@code buf} at {@code offset} and returns its length (Python
     * {@code recv_bytes_into}). If it does not fit, the message is consumed all the same and
     * {@link BufferTooShortException#data()} holds it.
     */
    public int recvBytesInto(byte[] buf, int offset) {
        Objects.checkIndex(offset, buf.length + 1);
        checkReadable();
        byte[] message = channel.receive();
        if (message.length > buf.length - offset)
            throw new BufferTooShortException("message of " + message.length + " bytes does not fit in "
                + (buf.length - offset) + " bytes", message);
        System.arraycopy(message, 0, buf, offset, message.length);
        return message.length;
    }

    /** Whether a message (or end-of-stream) is ready, without blocking (Python {@code poll()}). */
    public boolean poll() {
        checkReadable();
        return channel.poll(0);
    }

    /** Whether a message (or end-of-stream) is ready within {@code timeout} (Python {@code poll(timeout)}). */
    public boolean poll(Duration timeout) {
        checkReadable();
        return channel.poll(Waits.nanos(timeout));
    }

    /** Closes this process's copy of this end; repeatable. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        channel.close();
    }

    public boolean isClosed() { return closed; }

    /** True unless this is the send-only end of a one-way pipe. */
    public boolean isReadable() { return readable; }

    /** True unless this is the receive-only end of a one-way pipe. */
    public boolean isWritable() { return writable; }

    /**
     * Python's {@code multiprocessing.connection.wait}: waits until at least one of {@code objects} is ready
     * and returns those that are, as the same instances in the given order. A {@link Connection} is ready when
     * a message or end-of-stream can be read; a {@link Process} when it has ended; a {@link Future} when done.
     */
    public static <E> List<E> waitReady(Collection<? extends E> objects) {
        return waitReady(objects, null, true);
    }

    /** As {@link #waitReady(Collection)}, giving up after {@code timeout}: then the list is empty. */
    public static <E> List<E> waitReady(Collection<? extends E> objects, Duration timeout) {
        return waitReady(objects, timeout, false);
    }

    private static <E> List<E> waitReady(Collection<? extends E> objects, Duration timeout, boolean forever) {
        for (Object o : objects) readinessCheck(o);
        long deadline = forever ? Waits.FOREVER : Waits.deadline(Waits.nanos(timeout));
        long pause = 20_000; // back off from 20 us to 2 ms: cheap for quick answers, light for long waits
        while (true) {
            List<E> ready = new ArrayList<>();
            for (E o : objects) if (isReady(o)) ready.add(o);
            long left = Waits.left(deadline);
            if (!ready.isEmpty() || left <= 0) return ready;
            if (objects.size() == 1 && objects.iterator().next() instanceof Connection<?> only) {
                only.channel.poll(left); // a single connection can wait on its own wake-up
            } else {
                LockSupport.parkNanos(Math.min(pause, left));
                pause = Math.min(pause * 2, 2_000_000);
            }
            Waits.checkInterrupt();
        }
    }

    private static void readinessCheck(Object o) {
        switch (o) {
            case Connection<?> c -> c.checkReadable();
            case Future<?> f -> { }
            case Process p -> { }
            case null -> throw new NullPointerException("null in waitReady");
            default -> throw new IllegalArgumentException("cannot wait on " + o.getClass().getName());
        }
    }

    private static boolean isReady(Object o) {
        return switch (o) {
            case Connection<?> c -> c.closed || c.channel.poll(0);
            case Future<?> f -> f.isDone();
            case Process p -> p.onExit().isDone();
            default -> false;
        };
    }

    private void checkReadable() {
        if (closed) throw new IllegalStateException("connection closed");
        if (!readable) throw new IllegalStateException("connection is write-only");
    }

    private void checkWritable() {
        if (closed) throw new IllegalStateException("connection closed");
        if (!writable) throw new IllegalStateException("connection is read-only");
    }

    @Override
    public String toString() {
        return "Connection(" + (closed ? "closed" : readable && writable ? "duplex" : readable ? "read-only" : "write-only") + ")";
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        if (closed) throw new NotSerializableException("a closed Connection cannot be passed to another process");
        Serializable wire = channel.wireForm();
        if (wire == null) throw new NotSerializableException(getClass().getName() + " over a socket cannot be passed to another process");
        return new Wire((MessageChannel.Wire) wire, readable, writable);
    }

    /**
     * The travelling form of a pipe end: re-attaches to the same pipe in the receiving process. A class, not a
     * record (a JVM's first record deserialization costs it some 20 ms); its {@link Portable} form skips Java
     * serialization altogether where the codec allows (a process's target, a pool's worker).
     */
    private static final class Wire implements Serializable, Portable {
        @Serial private static final long serialVersionUID = 1L;
        private final MessageChannel.Wire channel;
        private final boolean readable, writable;

        Wire(MessageChannel.Wire channel, boolean readable, boolean writable) {
            this.channel = channel;
            this.readable = readable;
            this.writable = writable;
        }

        @Override public int portableKind() { return Portable.CONNECTION; }

        @Override public Object[] portableFields() { return new Object[] {channel, readable, writable}; }

        @Serial
        private Object readResolve() throws java.io.InvalidObjectException {
            if (channel == null) throw new java.io.InvalidObjectException("bad connection");
            return new Connection<>(channel.attach(), readable, writable);
        }
    }

    static {
        Portable.define(Portable.CONNECTION, Connection.class, new Portable.Form() {
            @Override public Object read(Object[] f) {
                return new Connection<>(((MessageChannel.Wire) f[0]).attach(), (Boolean) f[1], (Boolean) f[2]);
            }

            @Override public Portable replace(Object value) {
                Connection<?> c = (Connection<?>) value;
                if (c.closed || !(c.channel.wireForm() instanceof MessageChannel.Wire w) || !(w instanceof Portable)) return null;
                return new Wire(w, c.readable, c.writable);
            }
        });
    }
}
