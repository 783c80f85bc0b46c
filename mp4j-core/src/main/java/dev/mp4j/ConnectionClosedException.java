package dev.mp4j;

/** Python's {@code EOFError} on a connection: the peer closed and nothing is left to read. */
public class ConnectionClosedException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) { super(message); }

    public ConnectionClosedException(String message, Throwable cause) { super(message, cause); }
}
