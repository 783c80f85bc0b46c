package dev.mp4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import dev.mp4j.QueueEmptyException;
import dev.mp4j.QueueFullException;
import dev.mp4j.QueueShutDownException;
import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Queue and JoinableQueue on the cluster: the items in a Hazelcast {@link IQueue} (each encoded by mp4j's codec in
 * the caller's thread, so that an unserializable item fails at {@code put} and {@code null} travels), bounded by
 * the queue's configured max size; the shutdown state and a joinable queue's count of unfinished tasks in one
 * state-map entry. Blocked calls wait in slices of {@link Site#POLL_MILLIS} ms, so a shutdown reaches them.
 */
public final class HzQueue extends Handle implements Backends.OfQueue {
    @Serial private static final long serialVersionUID = 1L;

    private final String queueName;
    private final int maxsize;
    private final boolean joinable;
    private transient IQueue<byte[]> queue;

    HzQueue(Conn conn, String key, String queueName, int maxsize, boolean joinable) {
        super(conn, key);
        this.queueName = queueName;
        this.maxsize = maxsize;
        this.joinable = joinable;
    }

    /** {@code shutdown}: 0 running, 1 shut down, 2 shut down immediately. */
    record State(int shutdown, long unfinished) implements java.io.Serializable {}

    /** A put is coming: counts it as unfinished unless shut down; returns whether it may go on. */
    record Announce(boolean joinable) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = e.getValue() instanceof State x ? x : new State(0, 0);
            if (s.shutdown != 0) return Boolean.FALSE;
            if (joinable) e.setValue(new State(0, s.unfinished + 1));
            return Boolean.TRUE;
        }
    }

    /** {@code n} tasks done (or puts withdrawn); false if that is more than are unfinished. */
    record Done(long n) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = e.getValue() instanceof State x ? x : new State(0, 0);
            if (s.unfinished < n) return Boolean.FALSE;
            e.setValue(new State(s.shutdown, s.unfinished - n));
            return Boolean.TRUE;
        }
    }

    record Shutdown(boolean immediate) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = e.getValue() instanceof State x ? x : new State(0, 0);
            int to = immediate ? 2 : Math.max(1, s.shutdown);
            if (to != s.shutdown) e.setValue(new State(to, s.unfinished));
            return Boolean.TRUE;
        }
    }

    private IQueue<byte[]> q() {
        IQueue<byte[]> x = queue;
        if (x == null || !site().hz.getLifecycleService().isRunning()) queue = x = site().hz.getQueue(queueName);
        return x;
    }

    private int shutdownState() {
        return state() instanceof State s ? s.shutdown : 0;
    }

    @Override
    public void put(Object item, long timeoutNanos) {
        byte[] bytes = Codec.encode(item); // an unserializable item fails here, named by the codec
        if (!Boolean.TRUE.equals(exec(new Announce(joinable)))) throw new QueueShutDownException("queue shut down");
        boolean in = false;
        try {
            long deadline = Waits.deadline(Math.max(0, timeoutNanos));
            while (true) {
                long left = Waits.left(deadline);
                long slice = Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(Site.POLL_MILLIS)));
                if (q().offer(bytes, slice, TimeUnit.NANOSECONDS)) {
                    in = true;
                    return;
                }
                if (shutdownState() != 0) throw new QueueShutDownException("queue shut down");
                if (Waits.left(deadline) <= 0) throw new QueueFullException("queue full (maxsize " + maxsize + ")");
            }
        } catch (InterruptedException e) {
            throw Waits.cancelled();
        } catch (RuntimeException e) {
            throw conn.translate(e);
        } finally {
            if (!in && joinable) exec(new Done(1));
        }
    }

    @Override
    public Object get(long timeoutNanos) {
        try {
            byte[] b = q().poll();
            if (b != null) return Codec.decode(b);
            long deadline = Waits.deadline(Math.max(0, timeoutNanos));
            while (true) {
                if (shutdownState() != 0) {
                    b = q().poll(); // an item put just before the shutdown is still got
                    if (b != null) return Codec.decode(b);
                    throw new QueueShutDownException("queue shut down");
                }
                long left = Waits.left(deadline);
                if (left <= 0) throw new QueueEmptyException("queue empty");
                b = q().poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(Site.POLL_MILLIS)), TimeUnit.NANOSECONDS);
                if (b != null) return Codec.decode(b);
            }
        } catch (InterruptedException e) {
            throw Waits.cancelled();
        } catch (RuntimeException e) {
            throw conn.translate(e);
        }
    }

    @Override public int qsize() { return q().size(); }

    @Override public boolean isEmpty() { return q().isEmpty(); }

    @Override public boolean isFull() { return maxsize > 0 && q().size() >= maxsize; }

    @Override
    public void shutdown(boolean immediate) {
        exec(new Shutdown(immediate));
        if (immediate) {
            var dropped = new ArrayList<byte[]>();
            q().drainTo(dropped);
            if (joinable && !dropped.isEmpty()) exec(new Done(dropped.size()));
        }
    }

    @Override
    public void taskDone() {
        if (!joinable) throw new UnsupportedOperationException("taskDone() on a Queue");
        if (!Boolean.TRUE.equals(exec(new Done(1)))) throw new IllegalStateException("taskDone() called more times than items were put");
    }

    @Override
    public void join() {
        site().until(Waits.FOREVER, () -> state() instanceof State s && s.unfinished > 0 ? null : Boolean.TRUE);
    }

    @Override
    public String describe() {
        int sd = shutdownState();
        return "cluster " + shortId() + ", size=" + qsize() + (maxsize > 0 ? ", maxsize=" + maxsize : "") + (sd != 0 ? ", shut down" : "");
    }
}
