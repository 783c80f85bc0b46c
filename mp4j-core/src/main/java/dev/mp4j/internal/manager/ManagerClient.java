package dev.mp4j.internal.manager;

import dev.mp4j.AuthenticationException;
import dev.mp4j.Client;
import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Mp4jException;
import dev.mp4j.RemoteException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.transport.CallChannel;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
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
    private static final ThreadLocal<ManagerClient> DECODING = new ThreadLocal<>();
    /** {@code -Dmp4j.manager.pipes=false}: calls to a local server stay on the socket (see {@link Link}). */
    private static final boolean USE_PIPES = !"false".equals(System.getProperty("mp4j.manager.pipes"));
    /**
     * How long a caller spins for the reply on a {@link CallChannel} before it sleeps: a quick call is answered
     * within a few microseconds while the server has a core. System property {@code mp4j.manager.spinNanos}.
     */
    private static final long SPIN_NANOS = Long.getLong("mp4j.manager.spinNanos", 50_000);

    private final SocketAddress address;
    private final byte[] authkey;
    private final long sessionId = RANDOM.nextLong();
    private final long serverId;
    private final ConcurrentLinkedDeque<Link> idle = new ConcurrentLinkedDeque<>();
    private final Set<Link> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /**
     * Opened first and never used for calls: the server counts the session alive while any of its connections
     * is open, and call connections come and go (one dropped by an interrupted call may have been the only one).
     */
    private final Connection<Object> anchor;

    private ManagerClient(SocketAddress address, byte[] authkey) {
        this.address = address;
        this.authkey = authkey == null ? null : authkey.clone();
        this.anchor = open();
        try {
            this.serverId = hello(anchor);
        } catch (RuntimeException e) {
            anchor.close();
            throw e;
        }
    }

    /** A new session with the manager at {@code address}; wrong key: {@link AuthenticationException}. */
    public static ManagerClient connect(SocketAddress address, byte[] authkey) {
        ManagerClient client;
        try {
            client = new ManagerClient(address, authkey);
        } catch (ConnectionClosedException e) {
            // connecting is a network call like Client.connect: nothing listening is an UncheckedIOException
            if (e.getCause() instanceof UncheckedIOException io) throw io;
            throw e;
        }
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
            c = new ManagerClient(address, authkey);
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
        Link link = borrow();
        Line line = link.line;
        byte[] bytes;
        try {
            line.send(request);
        } catch (CancellationException e) {
            discard(link); // part of the request may have gone out
            throw e;
        } catch (IllegalArgumentException e) { // not serializable: nothing was sent, the connection is fine
            release(link);
            throw e;
        } catch (RuntimeException e) {
            discard(link);
            throw lost(e);
        }
        try {
            bytes = line.receive();
        } catch (CancellationException e) {
            discard(link); // a reply may still come: the connection is out of step
            throw e;
        } catch (RuntimeException e) {
            discard(link);
            throw lost(e);
        }
        release(link);
        DECODING.set(this);
        try {
            return Codec.decode(ByteBuffer.wrap(bytes), Limits.network());
        } finally {
            DECODING.remove();
        }
    }

    /** The client decoding a reply on this thread, if any. */
    static ManagerClient decoding() { return DECODING.get(); }

    private Link borrow() {
        if (closed) throw new ConnectionClosedException("the connection to the manager at " + address + " was closed");
        Link link = idle.pollFirst();
        if (link != null) return link;
        Connection<Object> socket = open();
        try {
            hello(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return upgrade(socket);
    }

    private Connection<Object> open() {
        try {
            return Client.connect(address, authkey);
        } catch (AuthenticationException e) {
            throw e;
        } catch (UncheckedIOException | Mp4jException e) {
            throw unreachable(address, e);
        }
    }

    /** Says which session this connection belongs to; the answer is the server's id. */
    private long hello(Connection<Object> socket) {
        Object reply = exchange(socket, 0L, "hello", sessionId);
        if (reply instanceof Failure f) throw rethrowable(f.error());
        return (Long) reply;
    }

    /**
     * Offers the server a shared-memory {@link CallChannel}; a server on another machine cannot attach it and
     * says so, and the calls then stay on the socket.
     */
    private Link upgrade(Connection<Object> socket) {
        Link link = new Link(socket, null);
        CallChannel channel = isLocal(address) && USE_PIPES ? newChannel() : null;
        if (channel != null) {
            Object reply;
            try {
                reply = exchange(socket, 0L, "upgrade", channel.ticket());
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
            if (Boolean.TRUE.equals(reply)) link = new Link(socket, channel);
            else channel.close();
        }
        all.add(link);
        if (closed) { discard(link); throw new ConnectionClosedException("the connection to the manager at " + address + " was closed"); }
        return link;
    }

    private static CallChannel newChannel() {
        try {
            return CallChannel.create(SPIN_NANOS);
        } catch (RuntimeException e) {
            return null; // no shared memory to be had (say /dev/shm is full): the socket still works
        }
    }

    private static boolean isLocal(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress
            || address instanceof InetSocketAddress i && i.getAddress() != null && i.getAddress().isLoopbackAddress();
    }

    private Object exchange(Connection<Object> socket, Object... request) {
        try {
            socket.send(new ArrayList<>(Arrays.asList(request)));
            return Codec.decode(ByteBuffer.wrap(socket.recvBytes()), Limits.network());
        } catch (RuntimeException e) {
            socket.close();
            if (e instanceof Mp4jException && !(e instanceof ConnectionClosedException)) throw e;
            throw lost(e);
        }
    }

    private void release(Link link) {
        if (closed) discard(link); else idle.offerFirst(link);
    }

    private void discard(Link link) {
        all.remove(link);
        link.close();
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
        for (Link l : all) l.close();
        anchor.close();
        all.clear();
        idle.clear();
    }

    public boolean isClosed() { return closed; }

    @Override
    public String toString() {
        return "ManagerClient(" + address + (closed ? ", closed" : "") + ")";
    }

}
