package dev.mp4j;

import dev.mp4j.internal.transport.Drops;
import dev.mp4j.internal.transport.Sockets;
import dev.mp4j.internal.sync.Waits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Python's {@code multiprocessing.connection.Listener}: accepts {@link Connection}s from {@link Client#connect}
 * on a TCP address ({@link InetSocketAddress}, port 0 for any free port) or a Unix-domain socket
 * ({@link UnixDomainSocketAddress}).
 *
 * <p>With a non-null authkey, every client must prove it holds the same key, and the listener proves it
 * back (HMAC-SHA256 challenge-response both ways) before any message is read; a mismatch throws
 * {@link AuthenticationException} on both sides. An empty key is allowed; null means no authentication.
 * A client that fails the handshake, sends garbage or stays silent past the time limit (5 s by default,
 * system property {@code mp4j.net.handshakeMillis}) makes that {@link #accept()} throw an
 * {@link Mp4jException}; the listener stays usable. The reason is also logged at DEBUG on the
 * {@code System.Logger} named {@code dev.mp4j.transport}. Network failures (address in use, unusable address)
 * throw {@link UncheckedIOException}. Messages are then read under the limits of
 * {@code dev.mp4j.internal.codec.Limits} (64 MiB per message, arrays of 16 M elements, nesting depth 100 by
 * default; system properties {@code mp4j.net.maxMessageBytes}, {@code mp4j.net.maxArrayLength},
 * {@code mp4j.net.maxDepth}, {@code mp4j.net.maxRefs}).
 */
public final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final byte[] authkey;
    private final SocketAddress address;
    private final Path socketFile; // the Unix socket file we made, removed on close
    private volatile boolean closed;

    /** Binds to {@code address}; {@code authkey} null means clients are not authenticated. */
    public Listener(SocketAddress address, byte[] authkey) {
        this.authkey = authkey == null ? null : authkey.clone();
        ServerSocketChannel s = null;
        try {
            s = switch (address) {
                case UnixDomainSocketAddress u -> ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                case InetSocketAddress i -> ServerSocketChannel.open();
                case null -> throw new NullPointerException("address");
                default -> throw new IllegalArgumentException("unsupported address type " + address.getClass().getName());
            };
            s.bind(address, 128);
            s.configureBlocking(false);
            this.server = s;
            this.address = s.getLocalAddress();
            this.socketFile = address instanceof UnixDomainSocketAddress u ? u.getPath() : null;
            this.selector = Selector.open();
            s.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            if (s != null) {
                try { s.close(); } catch (IOException ignored) { }
            }
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (with the actual port when 0 was asked for). */
    public SocketAddress address() { return address; }

    /**
     * Waits for a client and authenticates it. A client that fails authentication or breaks the protocol
     * makes this call throw ({@link AuthenticationException} or another {@link Mp4jException}); call it again
     * for the next client. After {@link #close()} (also while blocked here): {@link IllegalStateException}.
     */
    public <T> Connection<T> accept() {
        SocketChannel client = waitForClient();
        String peer = Drops.peer(client);
        Drops.accepting(peer);
        try {
            return new Connection<>(Sockets.authenticated(client, authkey, true), true, true);
        } catch (RuntimeException e) {
            Drops.transport(peer, Drops.isDisconnect(e) ? "it went away during the handshake" : "bad handshake", e);
            throw e;
        }
    }

    private SocketChannel waitForClient() {
        try {
            while (true) {
                if (closed) throw new IllegalStateException("listener closed");
                SocketChannel client = server.accept();
                if (client != null) return client;
                selector.select();
                selector.selectedKeys().clear();
                Waits.checkInterrupt();
            }
        } catch (ClosedChannelException | java.nio.channels.ClosedSelectorException e) {
            throw new IllegalStateException("listener closed", e);
        } catch (IOException e) {
            if (closed) throw new IllegalStateException("listener closed", e);
            throw new UncheckedIOException("accept failed: " + e.getMessage(), e);
        }
    }

    /** Stops listening; wakes a blocked {@link #accept()}; removes the Unix socket file. Repeatable. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try { selector.close(); } catch (IOException ignored) { }
        try { server.close(); } catch (IOException ignored) { }
        if (socketFile != null) {
            try { Files.deleteIfExists(socketFile); } catch (IOException ignored) { }
        }
    }

    @Override
    public String toString() {
        return "Listener(" + address + (closed ? ", closed" : "") + ")";
    }
}
