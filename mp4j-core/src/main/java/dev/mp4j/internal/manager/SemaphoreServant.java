package dev.mp4j.internal.manager;

import dev.mp4j.internal.sync.Waits;

/** A Semaphore or BoundedSemaphore living in the server. No owner: permits a dead client took stay taken, as in Python. */
final class SemaphoreServant implements Servant {
    private final int bound; // -1: unbounded
    private int value;

    SemaphoreServant(int value, boolean bounded) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
        this.value = value;
        this.bound = bounded ? value : -1;
    }

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        return switch (method) {
            case "acquire" -> {
                long deadline = Waits.deadline((Long) a[0]);
                boolean got = true;
                while (value == 0) {
                    if (!ServerWaits.await(this, deadline)) { got = false; break; }
                }
                if (got) value--;
                yield got;
            }
            case "release" -> {
                if (bound >= 0 && value >= bound) throw new IllegalStateException("BoundedSemaphore released too many times");
                value++;
                notify();
                yield null;
            }
            case "value" -> value;
            case "describe" -> a[0] + "(value=" + value + (bound >= 0 ? ", maxvalue=" + bound : "") + ", in a manager)";
            default -> throw Servant.unknown(method, this);
        };
    }

    @Override
    public Object proxy(ProxyRef ref) { return SyncServants.semaphore(bound >= 0, new RemoteSync.OfSemaphore(ref)); }
}
