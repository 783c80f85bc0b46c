package dev.mp4j.internal.pool;

import dev.mp4j.RemoteException;

/** How a task's exception reaches a caller that declares no checked exceptions. */
final class Errors {
    private Errors() {}

    /** Unchecked exceptions and errors as they are (the child's stack trace included); checked ones wrapped. */
    static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new RemoteException(t.toString(), t);
    }
}
