package dev.mp4j.internal.manager;

import dev.mp4j.Connection;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.transport.CallChannel;

/** One end of a call connection as the server and the client use it: an authenticated socket or a {@link CallChannel}. */
interface Line {
    /** The next message, as bytes. */
    byte[] receive();

    /** Encodes and sends {@code message}; not serializable: {@link IllegalArgumentException}, nothing sent. */
    void send(Object message);

    /** Whether the peer went away: a server thread asks this about a client whose call waits in a servant. */
    boolean peerGone();

    void close();

    static Line of(Connection<Object> socket) {
        return new Line() {
            @Override public byte[] receive() { return socket.recvBytes(); }
            @Override public void send(Object message) { socket.send(message); }
            // a client never sends while awaiting a reply: readable means end-of-stream
            @Override public boolean peerGone() { return socket.poll(); }
            @Override public void close() { socket.close(); }
            @Override public String toString() { return socket.toString(); }
        };
    }

    static Line of(CallChannel channel) {
        return new Line() {
            @Override public byte[] receive() { return channel.receive(); }

            @Override
            public void send(Object message) {
                Encoded encoded = Codec.scratch();
                Codec.encode(message, encoded);
                channel.send(encoded);
            }

            @Override public boolean peerGone() { return channel.peerGone(); }
            @Override public void close() { channel.close(); }
            @Override public String toString() { return channel.toString(); }
        };
    }
}
