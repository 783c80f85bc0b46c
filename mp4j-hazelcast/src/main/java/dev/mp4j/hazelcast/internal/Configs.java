package dev.mp4j.hazelcast.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.util.List;

/** The member configuration mp4j uses: TCP-IP discovery of listed members, no multicast, quiet. */
public final class Configs {
    private Configs() {}

    /** Hazelcast's logging: none unless the user chose one with {@code -Dhazelcast.logging.type}. */
    public static String loggingType() {
        return System.getProperty("hazelcast.logging.type", "none");
    }

    public static Config member(String clusterName, int port, List<String> members) {
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.logging.type", loggingType());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        // a member killed without a goodbye is noticed within seconds, not the default minute
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", System.getProperty("mp4j.hazelcast.maxNoHeartbeatSeconds", "10"));
        c.setProperty("hazelcast.client.endpoint.remove.delay.seconds", "1");
        c.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
        c.getJetConfig().setEnabled(false);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
        boolean loopback = !members.isEmpty() && members.stream().allMatch(m -> m.startsWith("127.0.0.1") || m.startsWith("localhost"));
        if (loopback) c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(members);
        return c;
    }
}
