package dev.mp4j.internal.manager;

import dev.mp4j.internal.transport.Waits;

/**
 * A Lock or RLock living in the server. The owner is (client session, client thread); a session that ends
 * while holding the lock (its process died or closed the manager) releases it, and the next acquirer is told
 * through {@code previousOwnerDied}, as for shared-memory locks.
 */
final class LockServant implements Servant, ManagerServer.SessionAware {
    private final boolean reentrant;
    private long ownerSession, ownerThread;
    private int count;
    private boolean ownerDied;

    LockServant(boolean reentrant) { this.reentrant = reentrant; }

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        long session = ManagerServer.currentSession();
        return switch (method) {
            case "acquire" -> acquire(session, (Long) a[0], (Long) a[1]);
            case "release" -> { release(session, (Long) a[0]); yield null; }
            case "isLocked" -> count > 0;
            case "heldBy" -> count > 0 && ownerSession == session && ownerThread == (Long) a[0];
            case "previousOwnerDied" -> count > 0 && ownerSession == session && ownerThread == (Long) a[0] && ownerDied;
            case "describe" -> a[0] + (count == 0 ? "(unlocked)" : "(owner=session " + Long.toHexString(ownerSession)
                + " thread " + ownerThread + (reentrant ? ", count=" + count : "") + ")") + " in a manager";
            default -> throw Servant.unknown(method, this);
        };
    }

    private boolean acquire(long session, long thread, long timeoutNanos) throws InterruptedException {
        if (reentrant && count > 0 && ownerSession == session && ownerThread == thread) {
            count++;
            return true;
        }
        long deadline = Waits.deadline(timeoutNanos);
        while (count > 0) {
            long left = Waits.left(deadline);
            if (left <= 0) return false;
            if (left == Waits.FOREVER) wait(); else wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        ownerSession = session;
        ownerThread = thread;
        count = 1;
        ownerDied = wakeDied;
        wakeDied = false;
        return true;
    }

    private void release(long session, long thread) {
        if (reentrant) {
            if (count == 0 || ownerSession != session || ownerThread != thread)
                throw new IllegalMonitorStateException("cannot release an RLock this thread does not hold");
        } else if (count == 0) {
            throw new IllegalStateException("release of an unlocked Lock");
        }
        if (--count == 0) notifyAll();
    }

    @Override
    public synchronized void sessionEnded(long session) {
        if (count > 0 && ownerSession == session) {
            count = 0;
            wakeDied = true;
            notifyAll();
        }
    }

    /** The last holder's session ended while it held the lock: the next hold is told so. */
    private boolean wakeDied;

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.lock(reentrant, new RemoteLock(ref)); }
}
