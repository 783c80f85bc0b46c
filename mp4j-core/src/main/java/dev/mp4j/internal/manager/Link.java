package dev.mp4j.internal.manager;

import dev.mp4j.Connection;
import dev.mp4j.internal.transport.CallChannel;

/**
 * One client connection to the server: the authenticated socket and, for a server on this machine, a
 * {@link CallChannel} handed to the server over it, each with a server thread of its own. Calls go over the
 * channel when there is one: it waits as a socket does when the machine is busy (it spins only briefly, then
 * sleeps on a futex) and answers several times quicker when it is not. Used by one thread at a time (borrowed
 * from the client's pool).
 */
final class Link {
    final Connection<Object> socket;
    final Line line; // the channel's, or the socket's when there is none

    Link(Connection<Object> socket, CallChannel channel) {
        this.socket = socket;
        this.line = channel == null ? Line.of(socket) : Line.of(channel);
    }

    void close() {
        line.close();
        socket.close();
    }

    @Override
    public String toString() { return "Link(" + line + ")"; }
}
