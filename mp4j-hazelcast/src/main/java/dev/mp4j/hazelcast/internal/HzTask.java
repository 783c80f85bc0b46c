package dev.mp4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.mp4j.internal.pool.RemoteTasks;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A pool task on its way to a member: the pool's task message (function and chunk), run there by the code a local
 * pool worker runs. Handles the task uses reconnect through the member's own instance.
 */
public record HzTask(String clusterName, byte[] message) implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        Conn.registerIfAbsent(clusterName, hz);
    }

    @Override
    public byte[] call() {
        return RemoteTasks.run(message);
    }

    /** How many processors a member has (for the default pool size). */
    public record CpuCount() implements Callable<Integer>, Serializable {
        @Override public Integer call() { return Runtime.getRuntime().availableProcessors(); }
    }
}
