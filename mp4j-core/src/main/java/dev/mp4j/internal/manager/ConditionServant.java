package dev.mp4j.internal.manager;

import dev.mp4j.internal.sync.Waits;

import java.util.ArrayDeque;

/**
 * A Condition living in the server, over its own re-entrant lock (Python's {@code Manager().Condition()}).
 * Waiters queue in arrival order; {@code signal(n)} wakes the first n.
 */
final class ConditionServant implements Servant, ManagerServer.SessionAware {
    private final OwnedLock lock = new OwnedLock(this, true);
    private final ArrayDeque<boolean[]> waiters = new ArrayDeque<>(); // each: {signalled}

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        long session = ManagerServer.currentSession();
        return switch (method) {
            case "acquire" -> lock.acquire(session, (Long) a[0], (Long) a[1]);
            case "release" -> { lock.release(session, (Long) a[0]); yield null; }
            case "await" -> await(session, (Long) a[0], (Long) a[1]);
            case "signal" -> {
                int n = (Integer) a[1];
                if (n < 0) throw new IllegalArgumentException("negative signal count " + n);
                if (!lock.ownedBy(session, (Long) a[0])) throw new IllegalMonitorStateException("signal without holding the lock");
                for (int i = 0; i < n && !waiters.isEmpty(); i++) waiters.pollFirst()[0] = true;
                notifyAll();
                yield null;
            }
            case "describe" -> "Condition(" + lock.describe("RLock") + ")";
            default -> throw Servant.unknown(method, this);
        };
    }

    private boolean await(long session, long thread, long timeoutNanos) throws InterruptedException {
        if (!lock.ownedBy(session, thread)) throw new IllegalMonitorStateException("await without holding the lock");
        boolean[] ticket = {false};
        waiters.addLast(ticket);
        int holds = lock.releaseAll(session, thread);
        long deadline = Waits.deadline(timeoutNanos);
        try {
            while (!ticket[0] && lock.await(session, deadline)) {
                // woken: signalled, or something else changed
            }
        } finally {
            waiters.remove(ticket);
            // the lock is held again on return, whatever happened (as Python's wait does)
            while (lock.isLocked()) lock.await(session, Waits.FOREVER);
            lock.take(session, thread, holds);
        }
        return ticket[0];
    }

    @Override
    public synchronized void sessionEnded(long session) { lock.sessionEnded(session); }

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.condition(new RemoteSync.OfCondition(ref)); }
}
