package dev.mp4j.hazelcast;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster member as a program: {@code java -cp <mp4j-core, mp4j-hazelcast, hazelcast and your classes>
 * dev.mp4j.hazelcast.ClusterMember <cluster-name> <port> <member host:port>...}. It joins the members listed (TCP
 * discovery, no multicast) and serves until it is stopped (SIGTERM, Ctrl-C). Your task classes must be on its class
 * path. It prints one line, {@code member <cluster> <host:port> ready}, once it has joined. The nearest Python is a
 * manager server's {@code get_server().serve_forever()}: a process that serves shared objects and work to others.
 */
public final class ClusterMember {
    private ClusterMember() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ClusterMember <cluster-name> <port> [<member host:port> ...]");
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]), Arrays.asList(args).subList(2, args.length), true);
    }

    /** Starts a member in this JVM and serves until it is shut down. */
    public static void run(String clusterName, int port, List<String> members, boolean announce) {
        var cluster = HazelcastContext.startMember(clusterName, port, members.toArray(String[]::new));
        var ended = new CountDownLatch(1);
        cluster.instance().getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) ended.countDown();
        });
        if (announce) {
            var a = cluster.instance().getCluster().getLocalMember().getAddress();
            System.out.println("member " + clusterName + " " + a.getHost() + ":" + a.getPort() + " ready");
        }
        try {
            ended.await();
        } catch (InterruptedException e) {
            cluster.close();
        }
    }
}
