package dev.mp4j.internal.manager;

import dev.mp4j.Mp4jException;
import dev.mp4j.internal.sync.Waits;

import java.util.HashSet;
import java.util.Set;

/**
 * Lock state kept by a servant, under the servant's monitor (waits are on that monitor). The owner is a
 * client thread of a client session. A session that ends releases what it held, marks the next hold as
 * following a dead owner, and makes its calls still waiting in the server give up instead of taking the lock
 * for nobody.
 */
final class OwnedLock {
    private final Object monitor;
    private final boolean reentrant;
    private long ownerSession, ownerThread;
    private int count;
    private boolean ownerDied, nextAfterDeath;
    private final Set<Long> deadSessions = new HashSet<>();

    OwnedLock(Object monitor, boolean reentrant) {
        this.monitor = monitor;
        this.reentrant = reentrant;
    }

    boolean acquire(long session, long thread, long timeoutNanos) throws InterruptedException {
        if (reentrant && ownedBy(session, thread)) {
            count++;
            return true;
        }
        long deadline = Waits.deadline(timeoutNanos);
        while (count > 0) {
            if (!await(session, deadline)) return false;
        }
        take(session, thread, 1);
        return true;
    }

    /** Waits on the monitor until notified or {@code deadline}; false once it has passed. */
    boolean await(long session, long deadline) throws InterruptedException {
        checkAlive(session);
        if (!ServerWaits.await(monitor, deadline)) return false;
        checkAlive(session);
        return true;
    }

    private void checkAlive(long session) {
        if (deadSessions.contains(session)) throw new Mp4jException("the client session ended while waiting");
    }

    void take(long session, long thread, int holds) {
        ownerSession = session;
        ownerThread = thread;
        count = holds;
        ownerDied = nextAfterDeath;
        nextAfterDeath = false;
    }

    /** Releases one level (a plain Lock may be released by anyone); wrong owner or not held: the Python errors. */
    void release(long session, long thread) {
        if (reentrant) {
            if (!ownedBy(session, thread)) throw new IllegalMonitorStateException("cannot release a lock this thread does not hold");
        } else if (count == 0) {
            throw new IllegalStateException("release of an unlocked Lock");
        }
        if (--count == 0) monitor.notifyAll();
    }

    /** Releases every level, for a condition wait; returns how many to take back. */
    int releaseAll(long session, long thread) {
        if (!ownedBy(session, thread)) throw new IllegalMonitorStateException("the lock is not held by this thread");
        int held = count;
        count = 0;
        monitor.notifyAll();
        return held;
    }

    boolean ownedBy(long session, long thread) { return count > 0 && ownerSession == session && ownerThread == thread; }

    boolean isLocked() { return count > 0; }

    boolean previousOwnerDied(long session, long thread) { return ownedBy(session, thread) && ownerDied; }

    void sessionEnded(long session) {
        deadSessions.add(session);
        if (count > 0 && ownerSession == session) {
            count = 0;
            nextAfterDeath = true;
        }
        monitor.notifyAll();
    }

    String describe(String type) {
        return type + (count == 0 ? "(unlocked" : "(owner=session " + Long.toHexString(ownerSession) + " thread " + ownerThread
            + (reentrant ? ", count=" + count : "")) + ", in a manager)";
    }
}
