package dev.mp4j.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.mp4j.Mp4jException;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a handle finds its cluster in whatever JVM it is in: the cluster's name and some member addresses. In a JVM
 * that is a member of the cluster, or that gave its own instance to {@code HazelcastContext.of}, that instance is
 * used; anywhere else one client per cluster is made on first use and kept for the life of the JVM.
 */
public record Conn(String clusterName, List<String> addresses) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** Instances of this JVM given to us (members started here, the user's own instances), by cluster name. */
    private static final ConcurrentHashMap<String, HazelcastInstance> LOCAL = new ConcurrentHashMap<>();
    /** Clients this JVM made for handles that arrived from elsewhere, by cluster name. */
    private static final ConcurrentHashMap<String, HazelcastInstance> CLIENTS = new ConcurrentHashMap<>();

    public Conn {
        addresses = List.copyOf(addresses);
    }

    /** Makes {@code hz} the instance handles of its cluster use in this JVM. */
    public static void register(String clusterName, HazelcastInstance hz) {
        LOCAL.put(clusterName, hz);
    }

    /** As {@link #register}, unless a running instance is registered already (a member running a task). */
    static void registerIfAbsent(String clusterName, HazelcastInstance hz) {
        HazelcastInstance old = LOCAL.get(clusterName);
        if (old == null || !old.getLifecycleService().isRunning()) LOCAL.put(clusterName, hz);
    }

    public static void unregister(String clusterName, HazelcastInstance hz) {
        LOCAL.remove(clusterName, hz);
    }

    /** The instance to use here (see the class comment). */
    public HazelcastInstance instance() {
        HazelcastInstance hz = LOCAL.get(clusterName);
        if (hz != null && hz.getLifecycleService().isRunning()) return hz;
        hz = CLIENTS.get(clusterName);
        if (hz != null && hz.getLifecycleService().isRunning()) return hz;
        synchronized (CLIENTS) {
            hz = CLIENTS.get(clusterName);
            if (hz == null || !hz.getLifecycleService().isRunning()) {
                hz = newClient(clusterName, addresses);
                CLIENTS.put(clusterName, hz);
            }
            return hz;
        }
    }

    /**
     * What a failing cluster call throws: the cluster's own failures (unreachable, shut down, timed out) as an
     * {@link Mp4jException} naming the cluster; anything else (the operation's own exceptions) as it is.
     */
    public RuntimeException translate(RuntimeException e) {
        if (e instanceof com.hazelcast.core.HazelcastException || e instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
                || e instanceof com.hazelcast.client.HazelcastClientNotActiveException) {
            return new Mp4jException("Hazelcast cluster '" + clusterName + "' failed the call: " + e, e);
        }
        return e;
    }

    /** A client of the cluster, quiet (no logging unless -Dhazelcast.logging.type says so), failing fast. */
    public static HazelcastInstance newClient(String clusterName, List<String> addresses) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.logging.type", Configs.loggingType());
        c.setProperty("hazelcast.client.statistics.enabled", "false");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        // a call the cluster cannot answer fails within this time instead of Hazelcast's two minutes
        c.setProperty("hazelcast.client.invocation.timeout.seconds", System.getProperty("mp4j.hazelcast.callTimeoutSeconds", "30"));
        c.getNetworkConfig().setAddresses(addresses);
        c.getNetworkConfig().setSmartRouting(true);
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
            .setClusterConnectTimeoutMillis(Long.getLong("mp4j.hazelcast.connectTimeoutMillis", 20_000))
            .setInitialBackoffMillis(100).setMaxBackoffMillis(1_000);
        try {
            HazelcastInstance hz = HazelcastClient.newHazelcastClient(c);
            Reaper.watch(hz);
            return hz;
        } catch (RuntimeException e) {
            throw new Mp4jException("cannot connect to Hazelcast cluster '" + clusterName + "' at " + addresses + ": " + e.getMessage(), e);
        }
    }
}
