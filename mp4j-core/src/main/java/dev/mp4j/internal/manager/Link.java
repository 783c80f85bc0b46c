package dev.mp4j.internal.manager;

import dev.mp4j.Connection;

/**
 * One client connection to the server: the authenticated socket and, for a server on this machine, a
 * shared-memory pipe handed to the server over it, each with a server thread of its own.
 *
 * <p>A pipe round trip is several times quicker than a socket's while both processes have a core (both ends
 * spin briefly before sleeping), but many times slower on a machine whose cores are all busy, and a pipe is only
 * quick while it is in steady use. So calls stay on one channel (the pipe first) and now and then a burst of
 * calls tries the other: if the second half of the burst (warmed up) beats the current channel's moving average,
 * calls move over. Bursts come every 32 calls, backing off to every 4096 while they keep losing. Used by one
 * thread at a time (borrowed from the client's pool).
 */
final class Link {
    private static final int PROBE_MIN = 32, PROBE_MAX = 4096, BURST = 16;
    /** Longer round trips are waits in the server (a lock, a queue), not transport figures. */
    private static final long MAX_SAMPLE_NANOS = 10_000_000;
    /** {@code -Dmp4j.manager.pipes=always}: no choosing (for tests of the pipe path). */
    private static final boolean ALWAYS_PIPE = "always".equals(System.getProperty("mp4j.manager.pipes"));

    final Connection<Object> socket;
    final Connection<Object> pipe; // null: socket only
    private boolean onPipe;
    private long currentNanos = 5_000; // moving average of the current channel; a prior for an idle machine
    private int sinceProbe, probeEvery = PROBE_MIN, burstLeft, burstCount;
    private long burstSum;

    Link(Connection<Object> socket, Connection<Object> pipe) {
        this.socket = socket;
        this.pipe = pipe;
        this.onPipe = pipe != null;
    }

    /** The channel for the next call. */
    Connection<Object> pick() {
        if (pipe == null) return socket;
        if (ALWAYS_PIPE) return pipe;
        if (burstLeft == 0 && ++sinceProbe >= probeEvery) {
            sinceProbe = 0;
            burstLeft = BURST;
            burstSum = 0;
            burstCount = 0;
        }
        return burstLeft > 0 == onPipe ? socket : pipe;
    }

    /** Records how long a call over {@code channel} took. */
    void record(Connection<Object> channel, long nanos) {
        if (pipe == null || ALWAYS_PIPE || nanos > MAX_SAMPLE_NANOS) return;
        boolean other = (channel == pipe) != onPipe;
        if (!other) {
            currentNanos += (nanos - currentNanos) >> 3;
            return;
        }
        if (burstLeft == 0) return;
        if (--burstLeft < BURST / 2) {
            burstSum += nanos;
            burstCount++;
        }
        if (burstLeft == 0) {
            long average = burstSum / Math.max(1, burstCount);
            if (average < currentNanos) {
                onPipe = !onPipe;
                currentNanos = average;
                probeEvery = PROBE_MIN;
            } else {
                probeEvery = Math.min(PROBE_MAX, probeEvery * 2);
            }
        }
    }

    void close() {
        if (pipe != null) pipe.close();
        socket.close();
    }

    @Override
    public String toString() {
        return "Link(" + (pipe == null ? "socket" : onPipe ? "pipe" : "socket, pipe available") + ", "
            + currentNanos / 1000 + " us)";
    }
}
