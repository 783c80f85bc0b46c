package dev.mp4j.internal.manager;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Client;
import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Mp4jException;
import dev.mp4j.RemoteException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;

import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One client session with one manager server: a pool of authenticated connections (one per thread that is
 * in a call at the moment, reused LIFO, so a single-threaded caller always gets the same warm socket) and the
 * request/reply protocol. The server counts this session as a holder of every object it hands it, until the
 * session's last connection closes (see {@link ManagerServer}).
 *
 * <p>Protocol, one message each way per call, both through the codec: the request is a list
 * {@code [objectId, method, args...]} (all fast-path values for ordinary keys and values), the reply is the
 * return value itself or a {@link Failure}. Object 0 is the manager itself ({@code hello}, {@code create},
 * {@code share}, {@code lookup}, {@code shutdown}).
 *
 * <p>A server that dies or shuts down closes the sockets, so a caller blocked on a reply gets
 * {@link ConnectionClosedException} at once rather than waiting forever.
 */
public final class ManagerClient implements AutoCloseable {
    /** Clients proxies fall back on when they were not made by one (passed to a child, say), by server id. */
    private static final ConcurrentHashMap<Long, ManagerClient> SHARED = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Replies usually come back within this; polling meanwhile saves two thread wake-ups per call. */
    private static final long SPIN_NANOS = Long.getLong("mp4j.manager.spinNanos", 50_000);

    private final SocketAddress address;
    private final byte[] authkey;
    private final long sessionId = RANDOM.nextLong();
    private final long serverId;
    private final ConcurrentLinkedDeque<Connection<Object>> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection<Object>> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ManagerClient(SocketAddress address, byte[] authkey) {
        this.address = address;
        this.authkey = authkey == null ? null : authkey.clone();
        Connection<Object> first = open();
        this.serverId = helloOn(first);
        release(first);
    }

    /** A new session with the manager at {@code address}; wrong key: {@link AuthenticationException}. */
    public static ManagerClient connect(SocketAddress address, byte[] authkey) {
        ManagerClient client = new ManagerClient(address, authkey);
        SHARED.putIfAbsent(client.serverId, client);
        return client;
    }

    /** The session proxies of {@code ref} use: one this JVM already has with that server, or a new one. */
    static ManagerClient forRef(ProxyRef ref) {
        return shared(ref.serverId(), ref.address(), ref.authkey());
    }

    /** The session this JVM already has with server {@code serverId}, or a new one made at {@code address}. */
    public static ManagerClient shared(long serverId, SocketAddress address, byte[] authkey) {
        ManagerClient c = SHARED.get(serverId);
        if (c != null && !c.closed) return c;
        synchronized (SHARED) {
            c = SHARED.get(serverId);
            if (c != null && !c.closed) return c;
            try {
                c = new ManagerClient(address, authkey);
            } catch (AuthenticationException | ConnectionClosedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unreachable(address, e);
            }
            SHARED.put(serverId, c);
            return c;
        }
    }

    public long serverId() { return serverId; }

    public SocketAddress address() { return address; }

    /** Calls {@code method} on object {@code objectId} at the server and returns its result. */
    public Object call(long objectId, String method, Object... args) {
        var request = new ArrayList<>(2 + args.length);
        request.add(objectId);
        request.add(method);
        for (Object a : args) request.add(a);
        Object reply = roundTrip(request);
        java.lang.ref.Reference.reachabilityFence(args); // proxies among them stay alive until the server has them
        if (reply instanceof Failure f) throw rethrowable(f.error());
        return reply;
    }

    private Object roundTrip(ArrayList<Object> request) {
        Connection<Object> conn = borrow();
        byte[] bytes;
        try {
            conn.send(request);
        } catch (CancellationException e) {
            discard(conn); // part of the request may have gone out
            throw e;
        } catch (IllegalArgumentException e) { // not serializable: nothing was sent, the connection is fine
            release(conn);
            throw e;
        } catch (RuntimeException e) {
            discard(conn);
            throw lost(e);
        }
        try {
            spinForReply(conn);
            bytes = conn.recvBytes();
        } catch (CancellationException e) {
            discard(conn); // a reply may still come: the connection is out of step
            throw e;
        } catch (RuntimeException e) {
            discard(conn);
            throw lost(e);
        }
        release(conn);
        return Codec.decode(ByteBuffer.wrap(bytes), Limits.network());
    }

    private static void spinForReply(Connection<Object> conn) {
        if (SPIN_NANOS <= 0) return;
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!conn.poll()) {
            if (System.nanoTime() - deadline > 0) return;
            Thread.onSpinWait();
        }
    }

    private Connection<Object> borrow() {
        if (closed) throw new ConnectionClosedException("the connection to the manager at " + address + " was closed");
        Connection<Object> conn = idle.pollFirst();
        if (conn != null) return conn;
        conn = open();
        try {
            helloOn(conn);
        } catch (RuntimeException e) {
            discard(conn);
            throw e;
        }
        return conn;
    }

    private Connection<Object> open() {
        Connection<Object> conn;
        try {
            conn = Client.connect(address, authkey);
        } catch (AuthenticationException e) {
            throw e;
        } catch (UncheckedIOException | Mp4jException e) {
            throw unreachable(address, e);
        }
        all.add(conn);
        if (closed) { discard(conn); throw new ConnectionClosedException("the connection to the manager at " + address + " was closed"); }
        return conn;
    }

    private long helloOn(Connection<Object> conn) {
        var hello = new ArrayList<>(3);
        hello.add(0L);
        hello.add("hello");
        hello.add(sessionId);
        try {
            conn.send(hello);
            Object reply = Codec.decode(ByteBuffer.wrap(conn.recvBytes()), Limits.network());
            if (reply instanceof Failure f) throw rethrowable(f.error());
            return (Long) reply;
        } catch (RuntimeException e) {
            discard(conn);
            if (e instanceof Mp4jException && !(e instanceof ConnectionClosedException)) throw e;
            throw lost(e);
        }
    }

    private void release(Connection<Object> conn) {
        if (closed) discard(conn); else idle.offerFirst(conn);
    }

    private void discard(Connection<Object> conn) {
        all.remove(conn);
        conn.close();
    }

    private Mp4jException lost(RuntimeException e) {
        if (e instanceof ConnectionClosedException && closed) return (ConnectionClosedException) e;
        return new ConnectionClosedException("lost the connection to the manager at " + address
            + " (it shut down or died): " + e.getMessage(), e);
    }

    private static Mp4jException unreachable(SocketAddress address, RuntimeException e) {
        return new ConnectionClosedException("cannot reach the manager at " + address
            + " (it shut down or died): " + e.getMessage(), e);
    }

    /**
     * The server's exception as the caller should see it: unchecked ones as they are (same class, message and
     * the server's stack trace), checked ones wrapped in {@link RemoteException} unless the caller may throw
     * them (see {@link RemoteHandler}).
     */
    static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error err) throw err;
        return new RemoteException(t.toString(), t);
    }

    /** Closes this session's connections; the server releases what only this session held. Repeatable. */
    @Override
    public void close() {
        closed = true;
        SHARED.remove(serverId, this);
        for (Connection<Object> c : all) c.close();
        all.clear();
        idle.clear();
    }

    public boolean isClosed() { return closed; }

    @Override
    public String toString() {
        return "ManagerClient(" + address + (closed ? ", closed" : "") + ")";
    }

    static boolean sameKey(byte[] a, byte[] b) { return Arrays.equals(a, b); }
}
