package dev.mp4j.internal.manager;

/**
 * A Lock or RLock living in the server. The owner is (client session, client thread); a session that ends
 * while holding the lock (its process died or closed the manager) releases it, and the next acquirer is told
 * through {@code previousOwnerDied}, as for shared-memory locks.
 */
final class LockServant implements Servant, ManagerServer.SessionAware {
    private final boolean reentrant;
    private final OwnedLock lock;

    LockServant(boolean reentrant) {
        this.reentrant = reentrant;
        this.lock = new OwnedLock(this, reentrant);
    }

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        long session = ManagerServer.currentSession();
        return switch (method) {
            case "acquire" -> lock.acquire(session, (Long) a[0], (Long) a[1]);
            case "release" -> { lock.release(session, (Long) a[0]); yield null; }
            case "isLocked" -> lock.isLocked();
            case "heldBy" -> lock.ownedBy(session, (Long) a[0]);
            case "previousOwnerDied" -> lock.previousOwnerDied(session, (Long) a[0]);
            case "describe" -> lock.describe((String) a[0]);
            default -> throw Servant.unknown(method, this);
        };
    }

    @Override
    public synchronized void sessionEnded(long session) { lock.sessionEnded(session); }

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.lock(reentrant, new RemoteLock(ref)); }
}
