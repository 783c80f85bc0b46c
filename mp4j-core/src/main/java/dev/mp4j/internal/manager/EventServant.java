package dev.mp4j.internal.manager;

import dev.mp4j.internal.sync.Waits;

/** An Event living in the server. */
final class EventServant implements Servant {
    private boolean flag;

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        return switch (method) {
            case "set" -> { flag = true; notifyAll(); yield null; }
            case "clear" -> { flag = false; yield null; }
            case "isSet" -> flag;
            case "await" -> {
                long deadline = Waits.deadline((Long) a[0]);
                while (!flag) {
                    if (!ServerWaits.await(this, deadline)) break;
                }
                yield flag;
            }
            default -> throw Servant.unknown(method, this);
        };
    }

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.event(new RemoteSync.OfEvent(ref)); }
}
