package dev.mp4j.internal.manager;

import dev.mp4j.Connection;

/**
 * One client connection to the server: the authenticated socket and, for a server on this machine, a
 * shared-memory pipe handed to the server over it, each with a server thread of its own. A pipe round trip is
 * several times quicker than a socket's while both processes have a core (both ends spin briefly before
 * sleeping) but can be many times slower on a machine whose cores are all busy, so each call takes whichever
 * has been quicker lately (moving averages of round-trip times), trying the other now and then to keep its
 * figure current. Used by one thread at a time (it is borrowed from the client's pool).
 */
final class Link {
    /** Every this many calls go over the channel not currently preferred. */
    private static final int PROBE_EVERY = 32;
    /** Longer round trips are waits in the server (a lock, a queue), not transport figures. */
    private static final long MAX_SAMPLE_NANOS = 2_000_000;
    /** {@code -Dmp4j.manager.pipes=always}: no choosing (for tests of the pipe path). */
    private static final boolean ALWAYS_PIPE = "always".equals(System.getProperty("mp4j.manager.pipes"));

    final Connection<Object> socket;
    final Connection<Object> pipe; // null: socket only
    private long socketNanos = 20_000, pipeNanos = 5_000; // priors: the usual figures on an idle machine
    private int calls;

    Link(Connection<Object> socket, Connection<Object> pipe) {
        this.socket = socket;
        this.pipe = pipe;
    }

    /** The channel for the next call. */
    Connection<Object> pick() {
        if (pipe == null) return socket;
        if (ALWAYS_PIPE) return pipe;
        boolean pipeFaster = pipeNanos <= socketNanos;
        boolean probe = ++calls % PROBE_EVERY == 0;
        return pipeFaster != probe ? pipe : socket;
    }

    /** Records how long a call over {@code channel} took. */
    void record(Connection<Object> channel, long nanos) {
        if (pipe == null || nanos > MAX_SAMPLE_NANOS) return;
        if (channel == pipe) pipeNanos += (nanos - pipeNanos) >> 3;
        else socketNanos += (nanos - socketNanos) >> 3;
    }

    void close() {
        if (pipe != null) pipe.close();
        socket.close();
    }

    @Override
    public String toString() {
        return "Link(socket " + socketNanos / 1000 + " us" + (pipe == null ? "" : ", pipe " + pipeNanos / 1000 + " us") + ")";
    }
}
