package dev.mp4j;

/** Python's {@code queue.ShutDown} (3.13): the queue was shut down. */
public class QueueShutDownException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public QueueShutDownException(String message) { super(message); }

    public QueueShutDownException(String message, Throwable cause) { super(message, cause); }
}
