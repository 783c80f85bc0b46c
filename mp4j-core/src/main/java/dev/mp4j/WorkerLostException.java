package dev.mp4j;

/** A pool worker died (kill -9, {@code System.exit}, out of memory) while it held a task; the message names its exit code as {@link Process#exitCode()} reports it. */
public class WorkerLostException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public WorkerLostException(String message) { super(message); }

    public WorkerLostException(String message, Throwable cause) { super(message, cause); }
}
