package dev.mp4j;

/** Python's {@code queue.Full}: a bounded queue stayed full past the timeout (or at once for {@code putNowait}). */
public class QueueFullException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) { super(message); }

    public QueueFullException(String message, Throwable cause) { super(message, cause); }
}
