package dev.mp4j.internal.transport;

import dev.mp4j.internal.sync.Waits;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Mp4jException;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages over a stream socket (TCP or Unix-domain). Framing: a 4-byte little-endian length, then that many
 * bytes; a length over the limit or below zero means the peer is broken or hostile, so the socket is dropped.
 * The channel is non-blocking with one selector per direction, so reads can time out and be interrupted
 * without closing the socket (a blocking NIO read that is interrupted closes it), and one thread can send
 * while another receives. A claimed length is trusted only as far as bytes actually arrive: the buffer grows
 * with the data.
 */
public final class SocketTransport implements MessageChannel {
    private static final int READ_BUFFER = 64 << 10;
    /** Payloads below this go out in one write together with their header. */
    private static final int COALESCE = 8 << 10;

    private final SocketChannel socket;
    private final Limits limits;
    private final long maxMessage;
    private final ReentrantLock readLock = new ReentrantLock(), writeLock = new ReentrantLock();
    private final Selector readSelector;
    private Selector writeSelector; // made on the first full socket buffer
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER).order(ByteOrder.LITTLE_ENDIAN).flip();
    private final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer small = ByteBuffer.allocate(COALESCE + 4).order(ByteOrder.LITTLE_ENDIAN);
    private boolean eof;
    private volatile boolean closed;

    /** Takes over {@code socket} (connected); {@code maxMessage} bounds incoming frames. */
    public SocketTransport(SocketChannel socket, Limits limits, long maxMessage) {
        this.socket = socket;
        this.limits = limits;
        this.maxMessage = maxMessage;
        try {
            socket.configureBlocking(false);
            readSelector = Selector.open();
            socket.register(readSelector, SelectionKey.OP_READ);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot set up connection: " + e.getMessage(), e);
        }
    }

    @Override public Limits limits() { return limits; }

    @Override
    public void send(Encoded message) {
        writeLock.lock();
        try {
            int length = message.length();
            if (length <= COALESCE) {
                small.clear().putInt(length);
                small.put(message.head(), 0, message.headLength());
                if (message.tailLength() > 0) small.put(message.tail(), message.tailOffset(), message.tailLength());
                writeFully(small.flip());
            } else {
                header.clear().putInt(length).flip();
                writeFully(header);
                writeFully(ByteBuffer.wrap(message.head(), 0, message.headLength()));
                if (message.tailLength() > 0) writeFully(ByteBuffer.wrap(message.tail(), message.tailOffset(), message.tailLength()));
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void send(byte[] bytes, int offset, int length) {
        writeLock.lock();
        try {
            if (length <= COALESCE) {
                writeFully(small.clear().putInt(length).put(bytes, offset, length).flip());
            } else {
                writeFully(header.clear().putInt(length).flip());
                writeFully(ByteBuffer.wrap(bytes, offset, length));
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void writeFully(ByteBuffer b) {
        try {
            while (b.hasRemaining()) {
                if (socket.write(b) > 0) continue;
                if (writeSelector == null) {
                    writeSelector = Selector.open();
                    socket.register(writeSelector, SelectionKey.OP_WRITE);
                }
                writeSelector.select();
                writeSelector.selectedKeys().clear();
                if (Thread.interrupted()) {
                    // the peer saw part of a message: the stream cannot be resynchronised
                    closeQuietly();
                    throw Waits.cancelled();
                }
            }
        } catch (ClosedChannelException e) {
            throw new ConnectionClosedException("connection closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("send failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] receive() {
        readLock.lock();
        try {
            if (!fill(4, Waits.FOREVER)) throw new ConnectionClosedException("the peer closed the connection");
            int length = in.getInt();
            if (length < 0 || length > maxMessage) {
                var e = new Mp4jException("message length " + Integer.toUnsignedString(length)
                    + " is over the limit of " + maxMessage + " bytes; connection dropped");
                Drops.transport(Drops.peer(socket), "bad frame", e);
                closeQuietly();
                throw e;
            }
            byte[] out = new byte[Math.min(length, 1 << 20)];
            int have = 0;
            while (have < length) {
                if (!in.hasRemaining() && !fill(1, Waits.FOREVER)) {
                    var e = new ConnectionClosedException("the peer closed the connection in the middle of a message");
                    Drops.transport(Drops.peer(socket), "truncated frame (" + have + " of " + length + " bytes)", e);
                    closeQuietly();
                    throw e;
                }
                if (have == out.length) out = Arrays.copyOf(out, (int) Math.min(length, out.length * 2L));
                int n = Math.min(in.remaining(), out.length - have); // out.length <= length: grows with the data
                in.get(out, have, n);
                have += n;
                if (have < length && !in.hasRemaining() && length - have >= READ_BUFFER) have = readDirect(out, have, length);
            }
            return out;
        } finally {
            readLock.unlock();
        }
    }

    /** Big payloads skip the read buffer once it is drained. */
    private int readDirect(byte[] out, int have, int length) {
        int end = Math.min(out.length, length);
        var target = ByteBuffer.wrap(out, have, end - have);
        try {
            int n = socket.read(target);
            if (n < 0) eof = true;
            return n > 0 ? have + n : have;
        } catch (IOException e) {
            throw new UncheckedIOException("receive failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes at least {@code need} bytes readable in {@code in}, waiting up to {@code timeoutNanos};
     * false at end-of-stream (or on timeout) with fewer.
     */
    private boolean fill(int need, long timeoutNanos) {
        long deadline = Waits.deadline(timeoutNanos);
        try {
            while (in.remaining() < need) {
                if (eof) return false;
                in.compact();
                int n;
                try {
                    n = socket.read(in);
                } finally {
                    in.flip();
                }
                if (n < 0) { eof = true; return false; }
                if (n > 0) continue;
                long left = Waits.left(deadline);
                if (left <= 0) return false;
                readSelector.select(left == Waits.FOREVER ? 0 : Math.max(1, left / 1_000_000));
                readSelector.selectedKeys().clear();
                Waits.checkInterrupt();
            }
            return true;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("connection closed", e);
        } catch (IOException e) {
            eof = true; // a reset peer is a closed peer, as Python's EOFError/ConnectionResetError goes
            return false;
        }
    }

    @Override
    public boolean poll(long timeoutNanos) {
        readLock.lock();
        try {
            if (in.hasRemaining() || eof) return true;
            fill(1, Math.max(0, timeoutNanos));
            return in.hasRemaining() || eof;
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    public boolean isOpen() { return !closed; }

    private void closeQuietly() {
        closed = true;
        try { socket.close(); } catch (IOException ignored) { }
        try { readSelector.close(); } catch (IOException | NullPointerException ignored) { }
        Selector w = writeSelector;
        try { if (w != null) w.close(); } catch (IOException ignored) { }
    }
}
