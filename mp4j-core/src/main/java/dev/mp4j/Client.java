package dev.mp4j;

import dev.mp4j.internal.transport.Sockets;

import java.net.SocketAddress;

/** Python's {@code multiprocessing.connection.Client}: connects to a {@link Listener}. */
public final class Client {
    private Client() {}

    /**
     * Connects to the listener at {@code address} (TCP or Unix-domain), authenticating with {@code authkey}
     * (null: none) as the listener does. A wrong key: {@link AuthenticationException}; nothing listening or an
     * unusable address: {@link java.io.UncheckedIOException}.
     */
    public static <T> Connection<T> connect(SocketAddress address, byte[] authkey) {
        return new Connection<>(Sockets.connect(address, authkey), true, true);
    }
}
