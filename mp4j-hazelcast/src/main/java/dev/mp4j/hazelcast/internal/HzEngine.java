package dev.mp4j.hazelcast.internal;

import com.hazelcast.config.QueueConfig;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.backend.Engine;

import java.io.Serial;
import java.util.UUID;
import java.util.concurrent.Future;

/** The cluster engine: makes the backends of a cluster context's objects. Serializable as its {@link Conn}. */
public record HzEngine(Conn conn) implements Engine {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public Backends.OfLock lock(boolean reentrant) {
        return new HzLock(conn, Site.newId(reentrant ? "rlock" : "lock"), reentrant);
    }

    @Override
    public Backends.OfSemaphore semaphore(int value, boolean bounded) {
        String key = Site.newId("semaphore");
        Site.of(conn.instance()).sync.set(key, new HzSemaphore.State(value, bounded ? value : -1));
        return new HzSemaphore(conn, key);
    }

    @Override
    public Backends.OfQueue queue(int maxsize, boolean joinable) {
        String id = UUID.randomUUID().toString();
        String name = "mp4j.queue." + id;
        var hz = conn.instance();
        if (maxsize > 0) hz.getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(maxsize));
        return new HzQueue(conn, "queue:" + id, name, Math.max(0, maxsize), joinable);
    }

    @Override
    public Backends.OfCondition condition(Backends.OfLock lock) {
        HzLock l;
        if (lock == null) l = (HzLock) lock(true);
        else if (lock instanceof HzLock h) l = h;
        else throw new IllegalArgumentException("a cluster Condition needs a lock of the same cluster, not " + lock);
        return new HzCondition(conn, Site.newId("condition"), l);
    }

    @Override
    public Backends.OfEvent event() {
        String key = Site.newId("event");
        Site.of(conn.instance()).sync.set(key, Boolean.FALSE);
        return new HzEvent(conn, key);
    }

    @Override
    public Backends.OfBarrier barrier(int parties, SerializableRunnable action) {
        if (parties <= 0) throw new IllegalArgumentException("barrier parties must be > 0, got " + parties);
        if (action != null) dev.mp4j.internal.codec.Codec.encode(action); // fails here if it cannot travel
        String key = Site.newId("barrier");
        Site.of(conn.instance()).sync.set(key, new HzBarrier.State(parties, 0, 0, false, 0));
        return new HzBarrier(conn, key, parties, action);
    }

    @Override
    public Backends.OfCell cell(Object initial) {
        String key = UUID.randomUUID().toString();
        conn.instance().getMap(HzCell.VALUES).set(key, initial);
        return new HzCell(conn, key, HzCell.VALUES);
    }

    /** A named value of the map {@code map} (HazelcastContext.value): created with {@code initial} if absent. */
    public HzCell namedCell(String map, String name, Object initial) {
        conn.instance().getMap(map).putIfAbsent(name, initial);
        return new HzCell(conn, name, map);
    }

    @Override
    public Backends.OfWorkers workers(int processes) {
        if (processes <= 0) throw new IllegalArgumentException("processes must be at least 1, not " + processes);
        return new HzWorkers(conn, processes);
    }

    @Override
    public int defaultProcesses() {
        var exec = conn.instance().getExecutorService(HzWorkers.EXECUTOR);
        int total = 0;
        for (Future<Integer> f : exec.submitToAllMembers(new HzTask.CpuCount()).values()) {
            try {
                total += f.get();
            } catch (Exception e) {
                // a member that cannot answer now counts for nothing
            }
        }
        return Math.max(1, total);
    }

    @Override
    public String describe() {
        return "Hazelcast cluster '" + conn.clusterName() + "' at " + conn.addresses();
    }
}
