package dev.mp4j;

/** {@link ResultIterator#next(java.time.Duration)} ran out of time: Python's {@code multiprocessing.TimeoutError}. */
public class ResultTimeoutException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public ResultTimeoutException(String message) { super(message); }
}
