package dev.mp4j.internal.transport;

import dev.mp4j.ConnectionClosedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Why a listening end dropped a connection, told through {@link System.Logger} (never stdout): logger
 * {@value #TRANSPORT} for a {@code Listener} and the socket framing, logger {@value #MANAGER} for the manager server.
 *
 * <ul>
 * <li>A protocol violation or a failed authentication is a {@link Level#WARNING} on the manager server, where nobody
 *     else hears of it, and a {@link Level#DEBUG} on a {@code Listener}, whose {@code accept()} (or a
 *     {@code recv()}) already throws the reason to its caller.</li>
 * <li>A peer that simply went away (closed or reset the connection, was killed) breaks no rule: {@link Level#DEBUG}
 *     wherever it happens.</li>
 * </ul>
 * The loggers are made on first use only: a child JVM that never drops a connection does not pay for the logging
 * set-up.
 */
public final class Drops {
    public static final String TRANSPORT = "dev.mp4j.transport", MANAGER = "dev.mp4j.manager";

    private Drops() {}

    private static final class Transport { static final System.Logger LOG = System.getLogger(TRANSPORT); }
    private static final class Manager { static final System.Logger LOG = System.getLogger(MANAGER); }

    /** The peer of the connection this thread accepted last (or is accepting), for the manager's log lines. */
    private static final ThreadLocal<String> PEER = new ThreadLocal<>();

    /** Who is at the other end of {@code socket}, for a log line. */
    public static String peer(SocketChannel socket) {
        String who;
        try {
            SocketAddress a = socket.getRemoteAddress();
            who = switch (a) {
                case InetSocketAddress i -> i.getAddress().getHostAddress() + ":" + i.getPort();
                case UnixDomainSocketAddress u -> u.getPath().toString().isEmpty() ? "a Unix-socket peer" : u.getPath().toString();
                case null -> "an unconnected peer";
                default -> a.toString();
            };
        } catch (IOException | RuntimeException e) {
            who = "an unknown peer";
        }
        return who;
    }

    /** Remembers {@code peer} as the one this thread is accepting now. */
    public static void accepting(String peer) {
        PEER.set(peer);
    }

    /** The peer this thread accepted last ({@link #accepting}). */
    public static String lastPeer() {
        String who = PEER.get();
        return who == null ? "an unknown peer" : who;
    }

    /** Whether {@code e} says the peer went away rather than broke a rule. */
    public static boolean isDisconnect(Throwable e) {
        return e instanceof ConnectionClosedException || e instanceof UncheckedIOException;
    }

    /** Why a {@code Listener} or a socket channel dropped a connection; its caller is told too, so DEBUG. */
    public static void transport(String peer, String what, Throwable reason) {
        if (Transport.LOG.isLoggable(Level.DEBUG)) Transport.LOG.log(Level.DEBUG, line(peer, what, reason));
    }

    /** Why the manager server dropped a connection: WARNING for a violation, DEBUG for a peer that went away. */
    public static void manager(String peer, String what, Throwable reason) {
        Level level = reason != null && isDisconnect(reason) ? Level.DEBUG : Level.WARNING;
        if (Manager.LOG.isLoggable(level)) Manager.LOG.log(level, line(peer, what, reason));
    }

    static String line(String peer, String what, Throwable reason) {
        var s = new StringBuilder("dropped the connection from ").append(peer).append(": ").append(what);
        if (reason != null) s.append(": ").append(reason.getClass().getSimpleName()).append(": ").append(reason.getMessage());
        return s.toString();
    }
}
