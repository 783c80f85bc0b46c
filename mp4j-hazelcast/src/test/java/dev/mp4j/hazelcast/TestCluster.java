package dev.mp4j.hazelcast;

import dev.mp4j.Context;
import dev.mp4j.Process;
import dev.mp4j.StartMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A cluster of members on loopback, each a separate JVM started with mp4j's own {@link Process} (daemon children
 * that end with the test JVM), under a random cluster name so parallel runs never join each other; the test JVM is
 * a client.
 */
final class TestCluster implements AutoCloseable {
    /** JVM options of every JVM that uses Hazelcast here: quiet about sun.misc.Unsafe. */
    static final String[] JVM = {"--sun-misc-unsafe-memory-access=allow", "-Xmx256m", "-XX:TieredStopAtLevel=1"};

    final String name = "mp4j-test-" + UUID.randomUUID();
    final List<String> addresses = new ArrayList<>();
    final List<Process> members = new ArrayList<>();
    final HazelcastContext client;

    private TestCluster(int size) {
        List<Integer> ports = freePorts(size);
        for (int p : ports) addresses.add("127.0.0.1:" + p);
        var ctx = Context.of(StartMethod.SPAWN).withJvmOptions(JVM);
        String cluster = name;
        List<String> all = List.copyOf(addresses);
        for (int i = 0; i < size; i++) {
            int port = ports.get(i);
            var p = Process.builder().name("member-" + (i + 1)).daemon(true).context(ctx)
                .target(() -> ClusterMember.run(cluster, port, all, false)).build();
            p.start();
            members.add(p);
        }
        try {
            client = HazelcastContext.connect(name, addresses.toArray(String[]::new));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (client.instance().getCluster().getMembers().size() < size) {
                if (System.nanoTime() > deadline) throw new AssertionError("the cluster did not form: " + client.instance().getCluster().getMembers());
                Thread.sleep(50);
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            stopMembers();
            throw new AssertionError("cluster did not start", e);
        }
    }

    static TestCluster start(int size) {
        return new TestCluster(size);
    }

    Context context() {
        return client.context();
    }

    /** kill -9 of member {@code i} (0-based); returns once it has ended. */
    void kill(int i) {
        Process p = members.get(i);
        p.kill();
        p.join(Duration.ofSeconds(10));
    }

    /** The member process whose pid is {@code pid}. */
    int indexOfPid(long pid) {
        for (int i = 0; i < members.size(); i++) if (members.get(i).pid() == pid) return i;
        throw new AssertionError("no member has pid " + pid);
    }

    private void stopMembers() {
        for (Process p : members) if (p.isAlive()) p.kill();
        for (Process p : members) {
            p.join(Duration.ofSeconds(10));
            p.close();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            stopMembers();
        }
    }

    private static List<Integer> freePorts(int n) {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < n; i++) sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (var s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }
}
