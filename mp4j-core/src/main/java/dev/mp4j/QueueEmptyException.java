package dev.mp4j;

/** Python's {@code queue.Empty}: the queue stayed empty past the timeout (or at once for {@code getNowait}). */
public class QueueEmptyException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException(String message) { super(message); }

    public QueueEmptyException(String message, Throwable cause) { super(message, cause); }
}
