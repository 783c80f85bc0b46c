package dev.mp4j.internal.manager;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Listener;
import dev.mp4j.Mp4jException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.transport.CallChannel;
import dev.mp4j.internal.transport.Drops;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python's manager {@code Server}: owns the managed objects and serves calls on them, one daemon thread per
 * client connection, every connection authenticated by the {@link Listener} before anything is read.
 *
 * <p><b>Lifetime.</b> Each client JVM is a session (the random id it sends first on every connection). An
 * object lives while at least one session that received a proxy to it, created it or called it is still
 * connected; when a session's last connection closes (its JVM closed the manager or died) it lets go of
 * everything it held. Objects shared by name, and objects that arrived at the server inside a call (a dict put
 * into a list, say), are pinned: they live until the server shuts down. Calling an object that was released
 * throws {@link Mp4jException}.
 */
public final class ManagerServer {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long a thread serving a client's {@link CallChannel} spins for the next request before it sleeps: a
     * caller in a loop sends the next one within microseconds. System property {@code mp4j.manager.serverSpinNanos}.
     */
    private static final long SPIN_NANOS = Long.getLong("mp4j.manager.serverSpinNanos", 50_000);

    private final long serverId = RANDOM.nextLong() | 1; // never 0
    private final Listener listener;
    private final byte[] authkey;
    private final Map<String, Registration> types;
    private final ConcurrentHashMap<Long, Managed> objects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> names = new ConcurrentHashMap<>();
    private final Set<Line> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private static final class Managed {
        final long id;
        final Servant servant;
        final Set<Session> holders = new HashSet<>(2); // guarded by the server
        boolean pinned;

        Managed(long id, Servant servant) { this.id = id; this.servant = servant; }
    }

    /** Servants that must act when a client session ends (a lock it held is released). */
    interface SessionAware {
        void sessionEnded(long session);
    }

    private static final ThreadLocal<Long> CURRENT_SESSION = new ThreadLocal<>();

    /** The session of the client whose call this server thread is running. */
    static long currentSession() {
        Long s = CURRENT_SESSION.get();
        return s == null ? 0 : s;
    }

    private static final class Session {
        final long id;
        int connections; // guarded by the server
        final Set<Long> held = ConcurrentHashMap.newKeySet();

        Session(long id) { this.id = id; }
    }

    private ManagerServer(SocketAddress address, byte[] authkey, Map<String, Registration> types) {
        this.authkey = authkey.clone();
        this.types = Map.copyOf(types);
        this.listener = new Listener(address, this.authkey);
        Thread.ofPlatform().daemon().name("mp4j-manager-accept").start(this::acceptLoop);
    }

    /** Binds {@code address} (network failures: {@link java.io.UncheckedIOException}) and starts serving. */
    public static ManagerServer start(SocketAddress address, byte[] authkey, Map<String, Registration> types) {
        return new ManagerServer(address, authkey, types);
    }

    public SocketAddress address() { return listener.address(); }

    public long serverId() { return serverId; }

    /** Blocks until {@link #stop()}. */
    public void awaitStop() {
        while (true) {
            try {
                stopped.await();
                return;
            } catch (InterruptedException e) {
                // the server's main thread has nothing else to do; stop() is the only way out
            }
        }
    }

    /** Stops listening, drops every connection (so callers blocked on replies fail at once). Repeatable. */
    public void stop() {
        stopping = true;
        listener.close();
        for (Line c : connections) c.close();
        // a thread blocked in a selector or a servant wait does not see its channel closed: wake it
        for (Thread t : workers) if (t != Thread.currentThread()) t.interrupt();
        stopped.countDown();
    }

    public boolean isStopped() { return stopped.getCount() == 0; }

    /** Shares {@code object} under {@code name} from the serving JVM itself: the live object, not a copy. */
    public void shareLocal(String name, Object object) {
        names.put(name, asShareable(object));
    }

    private void acceptLoop() {
        while (!stopping) {
            Connection<Object> conn;
            try {
                conn = listener.accept();
            } catch (IllegalStateException e) {
                return; // closed
            } catch (RuntimeException e) {
                // a client failed authentication or broke the handshake; the next may be fine
                if (!stopping) {
                    Drops.manager(Drops.lastPeer(), Drops.isDisconnect(e) ? "it went away during the handshake"
                        : e instanceof AuthenticationException ? "authentication failed" : "bad handshake", e);
                }
                continue;
            }
            spawn(Line.of(conn), null, Drops.lastPeer());
        }
    }

    /**
     * Serves one connection until it closes. The first call on a socket must be {@code hello} (the session);
     * an {@code upgrade} call hands over a client's {@link CallChannel}, which then gets a thread of its own in
     * the same session, ending with the socket (the client's calls go over the channel, see {@link Link}).
     */
    private void serve(Line conn, Session joined, String peer) {
        Session session = joined;
        Limits limits = Limits.network();
        ProxyRef.Hooks.Observer observer = session == null ? null : observer(session);
        if (session != null) started(session);
        ServerWaits.serving(conn);
        Line upgraded = null;
        try {
            while (true) {
                byte[] bytes = conn.receive();
                Object reply;
                try {
                    ProxyRef.Hooks.set(observer);
                    List<?> request;
                    try {
                        request = (List<?>) Codec.decode(ByteBuffer.wrap(bytes), limits);
                    } finally {
                        ProxyRef.Hooks.clear();
                    }
                    long objectId = (Long) request.get(0);
                    String method = (String) request.get(1);
                    Object[] args = request.subList(2, request.size()).toArray();
                    if (session == null) {
                        if (objectId != 0 || !method.equals("hello")) {
                            Drops.manager(peer, "its first call was " + method + " on object " + objectId + ", not hello", null);
                            return;
                        }
                        session = join((Long) args[0]);
                        observer = observer(session);
                        started(session);
                        reply = serverId;
                    } else if (objectId == 0 && method.equals("upgrade")) {
                        CallChannel channel = upgraded == null ? CallChannel.attach(args[0], SPIN_NANOS) : null;
                        if (channel != null) {
                            upgraded = Line.of(channel);
                            spawn(upgraded, join(session.id), peer + " (shared-memory channel)");
                        }
                        reply = channel != null;
                    } else {
                        reply = dispatch(session, objectId, method, args);
                    }
                } catch (ShutdownRequest s) {
                    send(conn, null, observer);
                    stop();
                    return;
                } catch (Throwable t) {
                    if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) throw v;
                    // a fresh socket must open with a valid hello: one that sends anything else is dropped, not answered
                    if (session == null) {
                        Drops.manager(peer, "its first message was not a valid hello", t);
                        return;
                    }
                    reply = new Failure(t);
                }
                send(conn, reply, observer);
            }
        } catch (ConnectionClosedException | IllegalStateException e) {
            // the client went away (or we are stopping): nothing to answer
            if (!stopping && session == null && e instanceof ConnectionClosedException c)
                Drops.manager(peer, "it went away before its hello", c); // DEBUG: not a violation
        } catch (RuntimeException e) {
            // a broken stream: drop this client only
            if (!stopping) Drops.manager(peer, Drops.isDisconnect(e) ? "it went away" : "bad message stream", e);
        } finally {
            connections.remove(conn);
            conn.close();
            // the socket is gone (the client closed it or died): end the channel's thread now, not at its next liveness check
            if (upgraded != null) upgraded.close();
            if (session != null) leave(session);
        }
    }

    private static void started(Session session) {
        CURRENT_SESSION.set(session.id);
    }

    /** Serves {@code conn} on a new worker thread ({@code session}: already joined, or null for a fresh socket). */
    private void spawn(Line conn, Session session, String peer) {
        connections.add(conn);
        Thread worker = Thread.ofPlatform().daemon().name("mp4j-manager-conn").unstarted(() -> {
            try {
                serve(conn, session, peer);
            } finally {
                workers.remove(Thread.currentThread());
            }
        });
        workers.add(worker);
        worker.start();
        if (stopping) {
            worker.interrupt();
            conn.close();
        }
    }

    private void send(Line conn, Object reply, ProxyRef.Hooks.Observer observer) {
        ProxyRef.Hooks.set(observer);
        try {
            try {
                conn.send(reply);
            } catch (IllegalArgumentException e) { // the result cannot be serialized: say so instead
                conn.send(new Failure(e));
            }
        } finally {
            ProxyRef.Hooks.clear();
        }
    }

    /** Refs written to this session make it a holder; refs read from it (stored in something) pin the object. */
    private ProxyRef.Hooks.Observer observer(Session session) {
        return new ProxyRef.Hooks.Observer() {
            @Override public void written(ProxyRef ref) {
                if (ref.serverId() == serverId) hold(session, ref.objectId());
            }

            @Override public void read(ProxyRef ref) {
                if (ref.serverId() == serverId) pin(ref.objectId());
            }
        };
    }

    private Object dispatch(Session session, long objectId, String method, Object[] args) throws Throwable {
        if (objectId == 0) return manage(session, method, args);
        Managed m = objects.get(objectId);
        if (m == null) throw new Mp4jException("object " + objectId + " no longer exists on this manager"
            + " (released when the last client session holding it disconnected)");
        if (!session.held.contains(objectId)) hold(session, objectId);
        return m.servant.invoke(method, args);
    }

    /** Calls on the manager itself (object 0). */
    private Object manage(Session session, String method, Object[] args) {
        return switch (method) {
            case "create" -> {
                String kind = (String) args[0];
                Managed m = register(newServant(kind, args));
                hold(session, m.id);
                yield m.servant.proxy(ref(m.id));
            }
            case "share" -> {
                names.put((String) args[0], asShareable(args[1]));
                yield null;
            }
            case "lookup" -> {
                Object value = names.get((String) args[0]);
                if (value == null) throw new NoSuchElementException("nothing shared under the name '" + args[0] + "'");
                yield value;
            }
            case "shutdown" -> throw new ShutdownRequest();
            default -> throw new IllegalArgumentException("unknown manager call " + method);
        };
    }

    private Servant newServant(String kind, Object[] args) {
        return switch (kind) {
            case "dict" -> args.length > 1 ? new DictServant(cast(args[1], java.util.LinkedHashMap.class)) : new DictServant();
            case "list" -> args.length > 1 ? new ListServant(cast(args[1], java.util.ArrayList.class)) : new ListServant();
            case "namespace" -> new NamespaceServant();
            case "value" -> new ValueServant(args[1]);
            default -> {
                Registration r = types.get(kind);
                if (r != null) yield new ReflectiveServant(make(r), r.type());
                Servant builtIn = SyncServants.create(kind, args);
                if (builtIn == null) throw new IllegalArgumentException("no type registered as '" + kind + "'");
                yield builtIn;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o, Class<?> type) {
        if (!type.isInstance(o)) throw new IllegalArgumentException("expected a " + type.getSimpleName());
        return (T) o;
    }

    private static Object make(Registration r) {
        try {
            return r.factory().get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new dev.mp4j.RemoteException("the factory of " + r.type().getName() + " failed: " + e, e);
        }
    }

    /**
     * What a name refers to: a proxy stays a proxy (its object is pinned when it was read); anything else
     * becomes a managed object of its own, pinned, and the name refers to a proxy of it.
     */
    private Object asShareable(Object object) {
        if (object == null) throw new IllegalArgumentException("cannot share null");
        if (isProxy(object)) return object;
        Servant servant = servantFor(object);
        Managed m = register(servant);
        synchronized (this) { m.pinned = true; }
        return servant.proxy(ref(m.id));
    }

    @SuppressWarnings("unchecked")
    private static Servant servantFor(Object object) {
        if (object instanceof Map<?, ?> map) return new DictServant((Map<Object, Object>) map);
        if (object instanceof List<?> list) return new ListServant((List<Object>) list);
        Class<?>[] interfaces = object.getClass().getInterfaces();
        for (Class<?> i : interfaces) {
            if (i != java.io.Serializable.class && i != Cloneable.class && i != Comparable.class)
                return new ReflectiveServant(object, i);
        }
        throw new IllegalArgumentException("cannot share a " + object.getClass().getName()
            + ": only proxies, Maps, Lists and objects implementing an interface (which their proxies expose) can be shared");
    }

    private static boolean isProxy(Object o) {
        return o instanceof DictProxy<?, ?> || o instanceof ListProxy<?> || o instanceof NamespaceProxy
            || o instanceof ValueHandle<?> || SyncServants.isProxy(o)
            || java.lang.reflect.Proxy.isProxyClass(o.getClass())
                && java.lang.reflect.Proxy.getInvocationHandler(o) instanceof RemoteHandler;
    }

    private ProxyRef ref(long id) { return new ProxyRef(serverId, listener.address(), authkey, id); }

    private Managed register(Servant servant) {
        long id = nextId.incrementAndGet();
        Managed m = new Managed(id, servant);
        objects.put(id, m);
        return m;
    }

    private synchronized Session join(long sessionId) {
        Session s = sessions.computeIfAbsent(sessionId, Session::new);
        s.connections++;
        return s;
    }

    private synchronized void leave(Session s) {
        if (--s.connections > 0) return;
        sessions.remove(s.id);
        for (long id : s.held) {
            Managed m = objects.get(id);
            if (m == null) continue;
            if (m.servant instanceof SessionAware aware) aware.sessionEnded(s.id);
            m.holders.remove(s);
            if (m.holders.isEmpty() && !m.pinned) objects.remove(id);
        }
        s.held.clear();
    }

    private synchronized void hold(Session s, long id) {
        Managed m = objects.get(id);
        if (m == null || s.connections == 0) return;
        m.holders.add(s);
        s.held.add(id);
    }

    private synchronized void pin(long id) {
        Managed m = objects.get(id);
        if (m != null) m.pinned = true;
    }

    /** Objects alive now: for tests of the lifetime rule. */
    public int objectCount() { return objects.size(); }

    /** Thrown by the {@code shutdown} call so the serving thread can answer before stopping. */
    private static final class ShutdownRequest extends RuntimeException {
        @java.io.Serial private static final long serialVersionUID = 1L;
        ShutdownRequest() { super(null, null, false, false); }
    }

    @Override
    public String toString() { return "ManagerServer(" + listener.address() + ", " + objects.size() + " objects)"; }
}
