package dev.mp4j.internal.manager;

import dev.mp4j.QueueEmptyException;
import dev.mp4j.QueueFullException;
import dev.mp4j.QueueShutDownException;
import dev.mp4j.internal.sync.Waits;

import java.util.ArrayDeque;

/**
 * A Queue or JoinableQueue living in the server: a deque under this object's monitor, with Python 3.13's
 * shutdown rules (checked before full/empty) and a count of unfinished tasks.
 */
final class QueueServant implements Servant {
    /** Stands for a null item, which ArrayDeque cannot hold (null is a valid item, as None is in Python). */
    private static final Object NULL = new Object();

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final int maxsize;
    private final boolean joinable;
    private boolean shutdown;
    private long unfinished;

    QueueServant(int maxsize, boolean joinable) {
        this.maxsize = maxsize;
        this.joinable = joinable;
    }

    @Override
    public synchronized Object invoke(String method, Object[] a) throws InterruptedException {
        return switch (method) {
            case "put" -> { put(a[0], (Long) a[1]); yield null; }
            case "get" -> get((Long) a[0]);
            case "qsize" -> items.size();
            case "isEmpty" -> items.isEmpty();
            case "isFull" -> full();
            case "shutdown" -> { shutdown((Boolean) a[0]); yield null; }
            case "taskDone" -> {
                if (unfinished <= 0) throw new IllegalStateException("taskDone() called more times than there were items");
                if (--unfinished == 0) notifyAll();
                yield null;
            }
            case "join" -> {
                while (unfinished > 0) ServerWaits.await(this, Waits.FOREVER);
                yield null;
            }
            case "describe" -> "in a manager, " + items.size() + " items" + (maxsize > 0 ? " of " + maxsize : "")
                + (shutdown ? ", shut down" : "");
            default -> throw Servant.unknown(method, this);
        };
    }

    private boolean full() { return maxsize > 0 && items.size() >= maxsize; }

    private void put(Object item, long nanos) throws InterruptedException {
        long deadline = Waits.deadline(nanos);
        while (true) {
            if (shutdown) throw new QueueShutDownException("queue shut down");
            if (!full()) break;
            if (!await(deadline)) throw new QueueFullException("queue full");
        }
        items.addLast(item == null ? NULL : item);
        unfinished++;
        notifyAll();
    }

    private Object get(long nanos) throws InterruptedException {
        long deadline = Waits.deadline(nanos);
        while (items.isEmpty()) {
            if (shutdown) throw new QueueShutDownException("queue shut down");
            if (!await(deadline)) throw new QueueEmptyException("queue empty");
        }
        Object item = items.pollFirst();
        notifyAll();
        return item == NULL ? null : item;
    }

    private void shutdown(boolean immediate) {
        shutdown = true;
        if (immediate) {
            unfinished -= items.size(); // dropped items count as done, as in Python
            items.clear();
        }
        notifyAll();
    }

    /** Waits until notified or the deadline; false once it has passed. */
    private boolean await(long deadline) throws InterruptedException {
        return ServerWaits.await(this, deadline);
    }

    @Override
    public Object proxy(ProxyRef ref) {
        return joinable ? SyncServants.joinableQueue(new RemoteQueue(ref)) : SyncServants.queue(new RemoteQueue(ref));
    }
}
