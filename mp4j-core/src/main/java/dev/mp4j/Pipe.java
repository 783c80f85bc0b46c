package dev.mp4j;

import dev.mp4j.internal.messaging.PipeEnd;

/**
 * Python's {@code multiprocessing.Pipe()}: two connected {@link Connection}s over shared memory.
 *
 * <pre>{@code
 * var pipe = Pipe.<String>open();
 * var child = new Process(() -> pipe.right().send("hello"));
 * child.start();
 * System.out.println(pipe.left().recv());
 * }</pre>
 *
 * <p>Duplex by default: both ends send and receive. One-way ({@code open(false)}): {@link #left()} only
 * receives and {@link #right()} only sends, as Python's {@code Pipe(duplex=False)} returns {@code (r, w)}.
 * Each direction buffers up to about 256 MiB of messages (system property {@code mp4j.pipe.bufferBytes});
 * a sender waits when it is full. Ends passed to other processes are copies: a receiver sees end-of-stream
 * once every copy of the other end is closed or its process has ended.
 */
public final class Pipe<T> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Connection<T> left, right;

    private Pipe(Connection<T> left, Connection<T> right) {
        this.left = left;
        this.right = right;
    }

    /** A duplex pipe. */
    public static <T> Pipe<T> open() { return open(true); }

    /** A duplex pipe, or with {@code duplex == false} a one-way pipe from {@link #right()} to {@link #left()}. */
    public static <T> Pipe<T> open(boolean duplex) {
        PipeEnd[] ends = PipeEnd.open(duplex);
        return new Pipe<>(new Connection<>(ends[0], true, duplex), new Connection<>(ends[1], duplex, true));
    }

    /** The first end (Python's {@code conn1}); receive-only in a one-way pipe. */
    public Connection<T> left() { return left; }

    /** The second end (Python's {@code conn2}); send-only in a one-way pipe. */
    public Connection<T> right() { return right; }

    @Override
    public String toString() { return "Pipe(" + left + ", " + right + ")"; }
}
