package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.manager.ManagerClient;
import dev.mp4j.internal.manager.ManagerServer;
import dev.mp4j.internal.manager.Registration;
import dev.mp4j.internal.manager.ServerProcess;
import dev.mp4j.internal.manager.SyncServants;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Manager()} / {@code BaseManager}: a server process holding objects that
 * other processes use through proxies, on this machine or over the network.
 *
 * <pre>{@code
 * try (Manager m = Manager.start()) {
 *     Map<String, Double> fruits = m.dict();
 *     var child = new Process(() -> { fruits.put("Apple", 0.70); fruits.put("Orange", 1.20); });
 *     child.start(); child.join();
 *     System.out.println(fruits);                  // {Apple=0.7, Orange=1.2}
 * }
 * }</pre>
 *
 * <p>{@link #start()} and {@link Builder#start()} run the server in a child process (a daemon child that
 * ends with this JVM) listening on a Unix-domain socket in the temp directory, or on the address given to the
 * builder, with a random key unless one is given. {@link #connect} makes a client of a running manager from
 * any JVM; every connection proves it holds the key (HMAC both ways) before anything is deserialized.
 *
 * <p><b>Proxies.</b> {@link #dict()} is a live {@link Map} keeping insertion order, {@link #list()} a live
 * {@link List}, both with the collections' {@code equals}, {@code hashCode} and {@code toString}; each call is
 * one round trip over a persistent connection. Proxies are serializable: passed to a child, or stored in another
 * proxy container (a dict inside a list), they refer to the same object. A registered type ({@link
 * Builder#register}) gives proxies implementing its interface and only its methods; an exception thrown by the
 * server's object comes back as the same class and message with the server's stack trace (a checked exception
 * the method does not declare: wrapped in {@link RemoteException}). If the manager shuts down or dies, calls
 * fail with {@link ConnectionClosedException} (an {@link Mp4jException}), including calls already waiting.
 *
 * <p><b>Queues and synchronization.</b> {@link #queue()}, {@link #lock()}, {@link #condition()}, ... return the
 * ordinary public types ({@link Queue}, {@link Lock}, {@link Condition}, ...) whose object lives in the server, so
 * they also work between machines. Each call is a round trip; shared-memory ones ({@code new Queue<>()}) are
 * quicker on one machine. An RLock's or Condition's owner is a thread of a client process. A client process that
 * ends (kill -9 included) while holding a manager Lock, RLock or Condition releases it, and the next holder's
 * {@code previousOwnerDied()} says so; semaphore permits it took stay taken, as in Python.
 *
 * <p><b>Transport.</b> One authenticated socket connection per client thread in a call, kept open and reused.
 * With a server on this machine, each connection also hands the server a shared-memory request/reply channel
 * and calls go over that: several times quicker than the socket while the processes have cores to themselves,
 * and no slower on a machine whose cores are all busy (its waiters spin only while spinning pays, then sleep).
 * System property {@code mp4j.manager.pipes=false} keeps calls on the socket.
 *
 * <p>Python to Java: {@code Manager()} → {@link #start()}; {@code BaseManager(address, authkey)} plus
 * {@code register(typeid, callable)} and {@code start()} → {@link #builder()}{@code .register(..).address(..)
 * .authkey(..).start()}; {@code get_server().serve_forever()} → {@link Builder#startInThisProcess()};
 * {@code connect()} → {@link #connect}; {@code m.dict()}, {@code m.list(seq)}, {@code m.Namespace()},
 * {@code m.Value('d', 1.5)}, {@code m.Queue()}, {@code m.Lock()}, ... → {@link #dict()}, {@link #list(java.util.Collection)},
 * {@link #namespace()}, {@link #value(Object)}, {@link #queue()}, {@link #lock()}, ...; {@code m.Counter()} for a
 * registered type → {@link #create(String)}; the registry of named objects → {@link #share}/{@link #lookup};
 * {@code shutdown()} / {@code with} → {@link #shutdown()} / try-with-resources.
 *
 * <p><b>Lifetime.</b> An object lives while some connected client JVM holds a proxy to it (received it, created
 * it or called it); it is freed when the last such JVM closes its manager or exits. Objects shared by name, and
 * objects stored inside other managed objects, live until the manager shuts down. (Unlike Python, a proxy that
 * is garbage-collected does not release its object early: the holding JVM's session does, when it ends.)
 *
 * <p>A blocking call (a lock, a queue get) waits in the server. Interrupted, it throws
 * {@link java.util.concurrent.CancellationException} at once and drops its connection; the server notices within
 * a tenth of a second and abandons the wait, so no lock is taken and no item is consumed for a caller that left
 * (likewise for a client that died).
 */
public final class Manager implements AutoCloseable, Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // lets the server build the public Lock/Queue types around their manager backends
        SyncServants.install(new SyncServants.Factory() {
            @Override public Object lock(Backends.OfLock backend) { return new Lock(backend); }
            @Override public Object rlock(Backends.OfLock backend) { return new RLock(backend); }
            @Override public Object queue(Backends.OfQueue backend) { return new Queue<>(backend); }
            @Override public Object joinableQueue(Backends.OfQueue backend) { return new JoinableQueue<>(backend); }
            @Override public Object semaphore(boolean bounded, Backends.OfSemaphore backend) {
                return bounded ? new BoundedSemaphore(backend) : new Semaphore(backend);
            }
            @Override public Object condition(Backends.OfCondition backend) { return new Condition(backend); }
            @Override public Object event(Backends.OfEvent backend) { return new Event(backend); }
            @Override public Object barrier(Backends.OfBarrier backend) { return new Barrier(backend); }
            @Override public boolean isProxy(Object o) {
                return o instanceof Queue<?> q && q.managed != null || o instanceof Lock l && l.managed != null
                    || o instanceof RLock r && r.managed != null || o instanceof Semaphore m && m.managed != null
                    || o instanceof Condition c && c.managed != null || o instanceof Event e && e.managed != null
                    || o instanceof Barrier b && b.managed != null;
            }
        });
    }

    private final transient ManagerClient client;
    private final transient ServerProcess serverProcess; // null unless this JVM started the server as a child
    private final transient ManagerServer localServer;   // null unless the server runs in this JVM
    private final transient SocketAddress address;
    private final transient byte[] authkey;
    private transient volatile boolean closed;

    private Manager(ManagerClient client, ServerProcess serverProcess, ManagerServer localServer, SocketAddress address,
                    byte[] authkey) {
        this.client = client;
        this.serverProcess = serverProcess;
        this.localServer = localServer;
        this.address = address;
        this.authkey = authkey == null ? null : authkey.clone();
    }

    /** Starts a manager server in a child process with a random key (Python's {@code Manager()}). */
    public static Manager start() {
        return builder().start();
    }

    /** A builder for a manager with registered types, a given address or key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to a running manager (Python's {@code BaseManager(address, authkey).connect()}), on this or
     * another machine. Wrong key: {@link AuthenticationException}; nothing listening or an unusable address:
     * {@link java.io.UncheckedIOException}, as for {@link Client#connect}.
     */
    public static Manager connect(SocketAddress address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        return new Manager(ManagerClient.connect(address, authkey), null, null, address, authkey);
    }

    /** The address the server listens on. */
    public SocketAddress address() { return address; }

    /**
     * A copy of the key clients must hold (Python's {@code authkey}), for handing to a JVM that is to
     * {@link #connect}; processes started from this one need nothing, as proxies carry it.
     */
    public byte[] authkey() { return authkey == null ? null : authkey.clone(); }

    /** A new managed dict: a live {@link Map} keeping insertion order. */
    public <K, V> Map<K, V> dict() { return create("dict"); }

    /** A new managed dict holding a copy of {@code initial}'s entries, in its iteration order (Python's {@code dict(d)}). */
    public <K, V> Map<K, V> dict(Map<? extends K, ? extends V> initial) {
        return create("dict", new java.util.LinkedHashMap<>(initial));
    }

    /** A new managed list: a live {@link List}. */
    public <E> List<E> list() { return create("list"); }

    /** A new managed list holding {@code initial}'s elements (Python's {@code Manager().list(seq)}). */
    public <E> List<E> list(java.util.Collection<? extends E> initial) {
        return create("list", new java.util.ArrayList<>(initial));
    }

    /** A new managed {@link Namespace}. */
    public Namespace namespace() { return create("namespace"); }

    /** A new managed value holding {@code initial} (Python's {@code Value(typecode, value)}). */
    public <T> ValueProxy<T> value(T initial) { return create("value", initial); }

    /** A new queue living in the manager (Python's {@code Manager().Queue()}), unbounded. */
    public <T> Queue<T> queue() { return queue(0); }

    /** A new queue living in the manager holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public <T> Queue<T> queue(int maxsize) { return create("queue", maxsize); }

    /** A new joinable queue living in the manager, unbounded. */
    public <T> JoinableQueue<T> joinableQueue() { return joinableQueue(0); }

    /** A new joinable queue living in the manager holding at most {@code maxsize} items. */
    public <T> JoinableQueue<T> joinableQueue(int maxsize) { return create("joinableQueue", maxsize); }

    /**
     * A new lock living in the manager (Python's {@code Manager().Lock()}). If the process holding it ends
     * (its connection to the manager closes), the lock is released and the next holder's
     * {@link Lock#previousOwnerDied()} is true.
     */
    public Lock lock() { return create("lock"); }

    /** A new re-entrant lock living in the manager; the owner is a thread of a process, as for {@link RLock}. */
    public RLock rlock() { return create("rlock"); }

    /** A new semaphore living in the manager with {@code value} permits (negative: IllegalArgumentException). */
    public Semaphore semaphore(int value) { return create("semaphore", value); }

    /** A new bounded semaphore living in the manager: releases above {@code value} throw IllegalStateException. */
    public BoundedSemaphore boundedSemaphore(int value) { return create("boundedSemaphore", value); }

    /** A new condition living in the manager, over an RLock of its own there (Python's {@code Manager().Condition()}). */
    public Condition condition() { return create("condition"); }

    /** A new event living in the manager. */
    public Event event() { return create("event"); }

    /** A new barrier for {@code parties} parties living in the manager (parties <= 0: IllegalArgumentException). */
    public Barrier barrier(int parties) { return create("barrier", parties); }

    /**
     * A new object of the type registered as {@code typeId}, made by its factory on the server; the proxy
     * implements the registered interface. Unknown id: {@link IllegalArgumentException}.
     */
    public <I> I create(String typeId) { return create(typeId, new Object[0]); }

    @SuppressWarnings("unchecked")
    private <T> T create(String kind, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = kind;
        System.arraycopy(args, 0, all, 1, args.length);
        return (T) client().call(0, "create", all);
    }

    /**
     * Shares {@code object} under {@code name} for {@link #lookup}. A proxy keeps referring to its object; a
     * {@link Map} or {@link List} becomes a managed dict or list; any other object is served through its first
     * interface. On a manager serving in this JVM ({@link Builder#startInThisProcess()}) the object itself is
     * shared, not a copy. Shared objects live until the manager shuts down.
     */
    public void share(String name, Object object) {
        Objects.requireNonNull(name, "name");
        if (localServer != null && !localServer.isStopped()) localServer.shareLocal(name, object);
        else client().call(0, "share", name, object);
    }

    /** The proxy shared under {@code name}; nothing there: {@link java.util.NoSuchElementException}. */
    @SuppressWarnings("unchecked")
    public <T> T lookup(String name) {
        Objects.requireNonNull(name, "name");
        return (T) client().call(0, "lookup", name);
    }

    /**
     * Stops the server (Python's {@code shutdown()}): proxies then fail with {@link ConnectionClosedException}.
     * After it returns, the address can be bound again. Repeatable.
     */
    public void shutdown() {
        if (closed) return;
        closed = true;
        try {
            if (localServer != null) {
                localServer.stop();
            } else if (!client.isClosed()) {
                try {
                    client.call(0, "shutdown");
                } catch (ConnectionClosedException e) {
                    // already gone: the same outcome
                }
            }
        } finally {
            client.close();
            if (serverProcess != null) serverProcess.awaitExit();
        }
    }

    /** Shuts down a manager this JVM started; disconnects from one it connected to. Repeatable. */
    @Override
    public void close() {
        if (serverProcess != null || localServer != null) {
            shutdown();
        } else {
            closed = true;
            client.close();
        }
    }

    private ManagerClient client() {
        if (closed) throw new IllegalStateException("manager closed");
        return client;
    }

    /** Passed to another process, a manager is a client there of the same server. */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        if (closed) throw new NotSerializableException("a closed Manager cannot be passed to another process");
        return new Wire(client.serverId(), address, authkey);
    }

    private record Wire(long serverId, SocketAddress address, byte[] authkey) implements Serializable {
        @Serial
        private Object readResolve() {
            return new Manager(ManagerClient.shared(serverId, address, authkey), null, null, address, authkey);
        }
    }

    @Override
    public String toString() {
        String state = closed ? "closed" : serverProcess != null ? "serving in " + serverProcess.process().name()
            : localServer != null ? "serving in this process" : "connected";
        return "Manager(" + address + ", " + state + ")";
    }

    /** Python's {@code BaseManager} subclass with {@code register} calls: registered types, address, key. */
    public static final class Builder {
        private final Map<String, Registration> types = new LinkedHashMap<>();
        private SocketAddress address;
        private byte[] authkey;
        private Context context;

        private Builder() {}

        /**
         * Registers {@code typeId}: {@link Manager#create(String)} makes an object with {@code factory} on the
         * server and returns a proxy implementing {@code type} (an interface) and only its methods.
         */
        public <I> Builder register(String typeId, Class<I> type, SerializableSupplier<? extends I> factory) {
            Objects.requireNonNull(typeId, "typeId");
            Objects.requireNonNull(factory, "factory");
            if (List.of("dict", "list", "namespace", "value", "queue", "joinableQueue", "lock", "rlock",
                    "semaphore", "boundedSemaphore", "condition", "event", "barrier").contains(typeId) || typeId.startsWith("mp4j."))
                throw new IllegalArgumentException("'" + typeId + "' is a built-in type id");
            types.put(typeId, new Registration(type, factory));
            return this;
        }

        /** A TCP {@link java.net.InetSocketAddress} (port 0: any free port) or a Unix-domain socket address. */
        public Builder address(SocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The key clients must prove they hold; default: 32 random bytes. */
        public Builder authkey(byte[] authkey) {
            this.authkey = Objects.requireNonNull(authkey, "authkey").clone();
            return this;
        }

        /** The context of the server process (start method, JVM options). */
        public Builder context(Context context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Starts the server in a child process and connects to it. Address in use or unusable:
         * {@link java.io.UncheckedIOException}.
         */
        public Manager start() {
            byte[] key = key();
            ServerProcess server = ServerProcess.start(address != null ? address : ServerProcess.defaultAddress(), key,
                types, context != null ? context : Context.getDefault());
            try {
                return new Manager(ManagerClient.connect(server.address(), key), server, null, server.address(), key);
            } catch (RuntimeException e) {
                server.kill();
                throw e;
            }
        }

        /**
         * Serves from threads of this JVM instead (Python's {@code get_server().serve_forever()}, without
         * blocking): objects passed to {@link Manager#share} are then shared as they are. The server stops on
         * {@link Manager#shutdown()} or when this JVM exits.
         */
        public Manager startInThisProcess() {
            byte[] key = key();
            ManagerServer server = ManagerServer.start(address != null ? address : ServerProcess.defaultAddress(), key, types);
            try {
                return new Manager(ManagerClient.connect(server.address(), key), null, server, server.address(), key);
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
        }

        private byte[] key() {
            if (authkey != null) return authkey.clone();
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return key;
        }
    }
}
