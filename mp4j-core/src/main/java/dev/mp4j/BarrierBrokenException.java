package dev.mp4j;

/** Python's {@code threading.BrokenBarrierError}: the barrier was broken by a timeout, abort, reset or failing action. */
public class BarrierBrokenException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public BarrierBrokenException(String message) { super(message); }

    public BarrierBrokenException(String message, Throwable cause) { super(message, cause); }
}
