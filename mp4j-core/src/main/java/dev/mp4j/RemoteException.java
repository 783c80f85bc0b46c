package dev.mp4j;

/**
 * Python's {@code multiprocessing.pool.RemoteTraceback} wrapper: a checked exception raised by a task in
 * another process. The cause is the original exception, same class and message, carrying the child's stack trace.
 */
public class RemoteException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public RemoteException(String message, Throwable cause) { super(message, cause); }
}
