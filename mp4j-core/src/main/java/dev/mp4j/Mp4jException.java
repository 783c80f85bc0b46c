package dev.mp4j;

/** Base of mp4j's own unchecked exceptions (Python's {@code multiprocessing.ProcessError}). */
public class Mp4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Mp4jException(String message) { super(message); }

    public Mp4jException(String message, Throwable cause) { super(message, cause); }
}
