package dev.mp4j.internal.manager;

import dev.mp4j.BarrierBrokenException;
import dev.mp4j.internal.sync.Waits;

/**
 * A Barrier living in the server, as Python's threading.Barrier: rounds ("generations"); a timeout or
 * {@code abort} breaks it, {@code reset} breaks the parties waiting now and starts afresh.
 */
final class BarrierServant implements Servant {
    private final int parties;
    private int count;
    private long generation;
    private long brokenByReset = -1;
    private boolean broken;

    BarrierServant(int parties) {
        if (parties <= 0) throw new IllegalArgumentException("parties must be > 0: " + parties);
        this.parties = parties;
    }

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        return switch (method) {
            case "await" -> await((Long) a[0]);
            case "reset" -> {
                if (count > 0) brokenByReset = generation;
                generation++;
                count = 0;
                broken = false;
                notifyAll();
                yield null;
            }
            case "abort" -> { breakIt(); yield null; }
            case "parties" -> parties;
            case "nWaiting" -> broken ? 0 : count;
            case "isBroken" -> broken;
            default -> throw Servant.unknown(method, this);
        };
    }

    private int await(long timeoutNanos) throws InterruptedException {
        if (broken) throw new BarrierBrokenException("barrier broken");
        long gen = generation;
        int index = count++;
        if (count == parties) {
            count = 0;
            generation++;
            notifyAll();
            return index;
        }
        long deadline = Waits.deadline(timeoutNanos);
        while (gen == generation && !broken) {
            boolean inTime;
            try {
                inTime = ServerWaits.await(this, deadline);
            } catch (ServerWaits.CallerGone e) {
                breakIt(); // a party that left can never arrive: as a timeout would, it breaks the round
                throw e;
            }
            if (!inTime) {
                breakIt();
                break;
            }
        }
        if (gen == generation || gen == brokenByReset) throw new BarrierBrokenException("barrier broken");
        return index;
    }

    private void breakIt() {
        broken = true;
        notifyAll();
    }

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.barrier(new RemoteSync.OfBarrier(ref)); }
}
