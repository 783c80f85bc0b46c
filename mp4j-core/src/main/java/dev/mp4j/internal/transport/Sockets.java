package dev.mp4j.internal.transport;

import dev.mp4j.internal.sync.Waits;
import dev.mp4j.internal.codec.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/** Opening client sockets of either family and wrapping an authenticated socket as a message channel. */
public final class Sockets {
    private Sockets() {}

    /** Connects to {@code address}, authenticates with {@code authkey} (null: none) and returns the channel. */
    public static SocketTransport connect(SocketAddress address, byte[] authkey) {
        SocketChannel socket;
        try {
            socket = switch (address) {
                case UnixDomainSocketAddress u -> SocketChannel.open(StandardProtocolFamily.UNIX);
                case InetSocketAddress i -> SocketChannel.open();
                case null -> throw new NullPointerException("address");
                default -> throw new IllegalArgumentException("unsupported address type " + address.getClass().getName());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket: " + e.getMessage(), e);
        }
        try {
            socket.connect(address);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw Waits.cancelled();
        } catch (IOException | RuntimeException e) {
            try { socket.close(); } catch (IOException ignored) { }
            if (e instanceof IOException io) throw new UncheckedIOException("cannot connect to " + address + ": " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
        return authenticated(socket, authkey, false);
    }

    /** Runs the handshake on a fresh socket; the socket is closed if it fails. */
    public static SocketTransport authenticated(SocketChannel socket, byte[] authkey, boolean server) {
        try {
            if (socket.getRemoteAddress() instanceof InetSocketAddress) socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            try { socket.close(); } catch (IOException ignored) { }
            throw new UncheckedIOException(e);
        }
        if (server) Handshake.server(socket, authkey); else Handshake.client(socket, authkey);
        // after authentication the peer is a program holding the key, still bounded so a bug cannot exhaust memory
        Limits limits = Limits.network();
        return new SocketTransport(socket, limits, limits.maxBytes());
    }
}
