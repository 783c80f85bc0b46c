package dev.mp4j.internal.manager;

import dev.mp4j.Mp4jException;
import dev.mp4j.internal.sync.Waits;

/**
 * How a servant waits on its monitor for a client (a lock, a queue item, an event): in slices, checking between
 * them that the client is still there. A client that gave up (interrupted, so it dropped the connection) or died
 * makes its connection readable at end-of-stream, since a client never sends on a connection while awaiting a
 * reply; the wait then ends with {@link CallerGone} instead of, say, taking a queue item nobody will receive.
 */
final class ServerWaits {
    private static final long SLICE_MILLIS = 100;
    private static final ThreadLocal<Line> CALLER = new ThreadLocal<>();

    private ServerWaits() {}

    static void serving(Line conn) { CALLER.set(conn); }

    /**
     * Waits on {@code monitor} (held) until notified, a slice passes or {@code deadline}; false once the deadline
     * has passed. Callers re-check their condition after each true.
     */
    static boolean await(Object monitor, long deadline) throws InterruptedException {
        long left = Waits.left(deadline);
        if (left <= 0) return false;
        monitor.wait(Math.max(1, Math.min(SLICE_MILLIS, left / 1_000_000)));
        Line caller = CALLER.get();
        if (caller != null && caller.peerGone()) throw new CallerGone();
        return true;
    }

    /** The client of this call went away while it waited. */
    static final class CallerGone extends Mp4jException {
        @java.io.Serial private static final long serialVersionUID = 1L;
        CallerGone() { super("the client gave up or died while waiting"); }
    }
}
