package dev.mp4j.hazelcast.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.mp4j.internal.sync.Waits;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What this JVM keeps per Hazelcast instance for the synchronization objects: the state map, the wake-ups and
 * the liveness beacon.
 *
 * <p><b>State.</b> Every lock, semaphore, event, barrier, condition and queue-control record is one entry of the map
 * {@value #SYNC}, changed only by entry processors (atomic on the entry's partition owner, copied to its backup).
 *
 * <p><b>Wake-ups.</b> One entry listener per JVM on that map bumps a local version on every change; a blocked
 * call re-tries its operation when the version moves, and in any case every {@link #POLL_MILLIS} ms, so a lost
 * event (a member failing over, say) only delays it.
 *
 * <p><b>Liveness.</b> Lock owners are (JVM id, thread id). A JVM that has used a lock refreshes its entry in
 * {@value #ALIVE} every second; the entry expires {@link #ALIVE_TTL_SECONDS} s after the JVM stops refreshing it
 * (killed, or cut off), and then a lock it held may be taken over.
 */
public final class Site {
    public static final String SYNC = "mp4j.sync";
    static final String ALIVE = "mp4j.alive";
    static final long POLL_MILLIS = 200;
    static final long ALIVE_TTL_SECONDS = Long.getLong("mp4j.hazelcast.aliveTtlSeconds", 8);

    /** This JVM, as a lock owner. */
    public static final String JVM = UUID.randomUUID().toString();

    private static final Map<HazelcastInstance, Site> SITES = new ConcurrentHashMap<>();

    final HazelcastInstance hz;
    final IMap<String, Object> sync;
    final IMap<String, Long> alive;
    private long version;
    private volatile boolean beating;

    private Site(HazelcastInstance hz) {
        this.hz = hz;
        this.sync = hz.getMap(SYNC);
        this.alive = hz.getMap(ALIVE);
        sync.addEntryListener(new Listener(), false);
    }

    public static Site of(HazelcastInstance hz) {
        return SITES.computeIfAbsent(hz, Site::new);
    }

    private final class Listener implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object>,
            EntryRemovedListener<String, Object>, EntryExpiredListener<String, Object> {
        @Override public void entryAdded(EntryEvent<String, Object> e) { bump(); }
        @Override public void entryUpdated(EntryEvent<String, Object> e) { bump(); }
        @Override public void entryRemoved(EntryEvent<String, Object> e) { bump(); }
        @Override public void entryExpired(EntryEvent<String, Object> e) { bump(); }
    }

    private synchronized void bump() {
        version++;
        notifyAll();
    }

    private synchronized long version() {
        return version;
    }

    private synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Tries {@code attempt} until it returns non-null or the timeout passes (then null); between tries waits for a
     * change of the state map, at most {@link #POLL_MILLIS}. Interrupt: CancellationException (flag set again).
     */
    public <R> R until(long timeoutNanos, Supplier<R> attempt) {
        long deadline = Waits.deadline(Math.max(0, timeoutNanos));
        while (true) {
            long seen = version();
            R r = attempt.get();
            if (r != null) return r;
            long left = Waits.left(deadline);
            if (left <= 0) return null;
            try {
                awaitChange(seen, Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            } catch (InterruptedException e) {
                throw Waits.cancelled();
            }
        }
    }

    /** Starts this JVM's beacon (once); returns when the first beat is in the map. */
    void beat() {
        if (beating) return;
        synchronized (this) {
            if (beating) return;
            alive.set(JVM, System.currentTimeMillis(), ALIVE_TTL_SECONDS, TimeUnit.SECONDS);
            Thread.ofPlatform().daemon().name("mp4j-hazelcast-alive").start(() -> {
                while (hz.getLifecycleService().isRunning()) {
                    try {
                        Thread.sleep(1000);
                        alive.set(JVM, System.currentTimeMillis(), ALIVE_TTL_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // the cluster is unreachable for now: try again
                    }
                }
            });
            beating = true;
        }
    }

    /** Whether the JVM {@code jvm} is still beating. */
    boolean isAlive(String jvm) {
        return JVM.equals(jvm) || alive.containsKey(jvm);
    }

    /** A fresh, cluster-unique name for a new object. */
    static String newId(String kind) {
        return kind + ":" + UUID.randomUUID();
    }
}
