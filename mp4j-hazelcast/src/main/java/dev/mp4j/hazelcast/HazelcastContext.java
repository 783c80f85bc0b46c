package dev.mp4j.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.mp4j.Context;
import dev.mp4j.Mp4jException;
import dev.mp4j.ValueProxy;
import dev.mp4j.hazelcast.internal.ClusterDict;
import dev.mp4j.hazelcast.internal.ClusterList;
import dev.mp4j.hazelcast.internal.Configs;
import dev.mp4j.hazelcast.internal.Conn;
import dev.mp4j.hazelcast.internal.HzEngine;
import dev.mp4j.hazelcast.internal.NamedValue;
import dev.mp4j.internal.backend.Engines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * mp4j on a Hazelcast cluster: the same program, past one machine. Python has no single equivalent; it is what a
 * {@code multiprocessing.managers.BaseManager} serving on a remote address plus a {@code Pool} of workers there
 * give a Python program, with a Hazelcast cluster as the server.
 *
 * <pre>{@code
 * try (var cluster = HazelcastContext.connect("my-cluster", "10.0.0.1:5701", "10.0.0.2:5701")) {
 *     Context.setDefault(cluster.context());      // from here on, mp4j objects live in the cluster
 *     var lock = new Lock();                       // a cluster lock
 *     var q = new Queue<Integer>();                // a cluster queue
 *     try (var pool = new Pool()) {                // tasks run on the members
 *         System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));
 *     }
 * }
 * }</pre>
 *
 * <p><b>The context.</b> {@link #context()} is a {@link Context} whose objects live in the cluster: with
 * {@code Context.setDefault(cluster.context())}, {@code new Lock()}, {@code new RLock()}, {@code new Semaphore(n)},
 * {@code new BoundedSemaphore(n)}, {@code new Event()}, {@code new Condition()}, {@code new Barrier(n)},
 * {@code new Queue<>()}, {@code new JoinableQueue<>()}, {@code Value.ofInt(..)} (and the other {@code Value}
 * kinds) and {@code new Pool()} make cluster objects, and {@code Pool.builder().context(cluster.context())} does
 * for one pool. They are the ordinary mp4j types with the same methods and errors; each call is a network round
 * trip (or a few). Handles are serializable: in another JVM (a child {@code Process}, a task on a member) they
 * are the same objects, reconnecting through that JVM's own member instance or one client per JVM and cluster.
 * Processes started with this context still start on this machine. {@code SimpleQueue}, {@code Pipe},
 * {@code SharedMemory}, {@code SharedArray} and {@code ShareableList} are this machine's shared memory whatever
 * the context.
 *
 * <p><b>Pool.</b> A pool's tasks run in the members' executor service; {@code processes} (default: the processors
 * of all members) bounds how many run at once. Everything else is the local pool's machinery: chunking, result
 * order, lazy {@code imap}, callbacks, progress, exceptions coming back as the same class. Task classes (the
 * lambda's class and what it uses) must be on the members' class path, with mp4j-core and mp4j-hazelcast; a
 * class missing there fails the task with an {@link Mp4jException} naming it (caused by
 * {@link ClassNotFoundException}). A member that leaves while
 * running a task (killed, cut off) makes the task run again on another member, up to three members in all; then
 * it fails with {@link dev.mp4j.WorkerLostException}. {@code initializer} and {@code maxTasksPerChild} are not
 * supported on a cluster ({@link IllegalArgumentException}).
 *
 * <p><b>Locks.</b> Built on map entries, not the CP subsystem (Enterprise-only): a lock's owner is a JVM and a
 * thread; a JVM holding a lock that dies (a killed member or client) stops beating, and a few seconds later
 * (8 s, {@code -Dmp4j.hazelcast.aliveTtlSeconds}; a JVM too busy to beat for that long would lose its locks) the
 * next acquirer takes the lock over and {@code previousOwnerDied()} says so. Semaphore permits a dead JVM took stay taken, as in Python.
 *
 * <p><b>Collections.</b> {@link #dict(String)} and {@link #list(String)} are live, named collections of the cluster
 * (on an {@code IMap} and an {@code IList}): any JVM asking for the same name sees the same data. The dict keeps
 * insertion order as Python's does; dict values and list elements are stored encoded by mp4j, so they may be
 * {@code null} and members need not have their classes. A dict {@code put} costs two round trips; dict keys may not
 * be {@code null}. Keys, values and elements must be serializable; iterating takes a snapshot.
 *
 * <p><b>Quiet.</b> Hazelcast's own logging is off unless {@code -Dhazelcast.logging.type} (e.g. {@code jdk})
 * chooses one; phone-home is off.
 */
public final class HazelcastContext implements AutoCloseable {
    private final HazelcastInstance hz;
    private final boolean owned;
    private final Conn conn;
    private final HzEngine engine;
    private final Context context;

    private HazelcastContext(HazelcastInstance hz, boolean owned, String clusterName, List<String> addresses) {
        this.hz = hz;
        this.owned = owned;
        this.conn = new Conn(clusterName, addresses);
        this.engine = new HzEngine(conn);
        // children started with this context may use the cluster: keep the JDK's warning about Hazelcast's use of
        // sun.misc.Unsafe off their stderr
        this.context = Engines.context(engine, List.of("--sun-misc-unsafe-memory-access=allow"));
        Conn.register(clusterName, hz);
    }

    /**
     * Connects to a running cluster as a client. {@code addresses} are some of its members ({@code host:port});
     * fails with {@link Mp4jException} if none answers within 20 s ({@code -Dmp4j.hazelcast.connectTimeoutMillis}).
     */
    public static HazelcastContext connect(String clusterName, String... addresses) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (addresses.length == 0) throw new IllegalArgumentException("no member address given");
        List<String> list = List.of(addresses);
        return new HazelcastContext(Conn.newClient(clusterName, list), true, clusterName, list);
    }

    /** Uses an instance of yours (a member or a client), which stays yours: {@link #close()} leaves it running. */
    public static HazelcastContext of(HazelcastInstance instance) {
        Objects.requireNonNull(instance, "instance");
        String name;
        try {
            name = instance.getConfig().getClusterName();
        } catch (RuntimeException notOnAClient) {
            name = ((com.hazelcast.client.impl.clientside.HazelcastClientProxy) instance).getClientConfig().getClusterName();
        }
        List<String> addresses = new ArrayList<>();
        for (Member m : instance.getCluster().getMembers()) addresses.add(m.getAddress().getHost() + ":" + m.getAddress().getPort());
        return new HazelcastContext(instance, false, name, addresses);
    }

    /**
     * Starts a cluster member in this JVM, listening on {@code port}, that finds the others at {@code members}
     * ({@code host:port}, this one may be among them) by TCP; no multicast. See {@link ClusterMember} for a member
     * as a program of its own.
     */
    public static HazelcastContext startMember(String clusterName, int port, String... members) {
        Objects.requireNonNull(clusterName, "clusterName");
        List<String> list = new ArrayList<>(Arrays.asList(members));
        // Hazelcast's static loggers read only the system property (its start-up warnings come from them)
        if (System.getProperty("hazelcast.logging.type") == null) System.setProperty("hazelcast.logging.type", Configs.loggingType());
        var hz = Hazelcast.newHazelcastInstance(Configs.member(clusterName, port, list));
        if (list.isEmpty()) list.add("127.0.0.1:" + port);
        return new HazelcastContext(hz, true, clusterName, list);
    }

    /** The context whose objects live in this cluster (see the class comment). */
    public Context context() {
        return context;
    }

    /** The Hazelcast instance this context uses in this JVM. */
    public HazelcastInstance instance() {
        return hz;
    }

    public String clusterName() {
        return conn.clusterName();
    }

    /** Python's {@code Manager().dict()}, by name: a live map of the cluster (see the class comment). */
    public <K, V> Map<K, V> dict(String name) {
        return new ClusterDict<>(conn, "mp4j.dict." + Objects.requireNonNull(name, "name"));
    }

    /** Python's {@code Manager().list()}, by name: a live list of the cluster. */
    public <E> List<E> list(String name) {
        return new ClusterList<>(conn, "mp4j.list." + Objects.requireNonNull(name, "name"));
    }

    /**
     * Python's {@code Manager().Value(typecode, value)}, by name: the cluster's value called {@code name}, set to
     * {@code initial} if it does not exist yet. No lock: guard read-modify-write with a cluster {@code Lock}.
     */
    public <T> ValueProxy<T> value(String name, T initial) {
        Objects.requireNonNull(initial, "initial");
        return new NamedValue<>(engine.namedCell("mp4j.named", Objects.requireNonNull(name, "name"), initial));
    }

    /** Shuts down the client or member that {@link #connect} or {@link #startMember} made; one given to {@link #of} stays. */
    @Override
    public void close() {
        Conn.unregister(conn.clusterName(), hz);
        if (owned) hz.shutdown();
    }

    @Override
    public String toString() {
        return "HazelcastContext(" + engine.describe() + ")";
    }
}
