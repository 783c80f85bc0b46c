package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.BarrierCore;
import dev.mp4j.internal.sync.Waits;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Barrier}: {@code parties} threads or processes wait for each other, then all go
 * on. The optional action runs once per round, in the last party to arrive, before the others are released. A
 * timeout, {@link #abort()}, a {@link #reset()} while parties wait, an interrupt, or a failing action breaks it:
 * waiters get {@link BarrierBrokenException}, as do later {@code await}s until {@code reset()}.
 */
public class Barrier implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final BarrierCore core;
    private final Duration defaultTimeout;
    /** Set instead of {@code core} for a barrier living in a {@link Manager} (then {@code core} is null). */
    final Backends.OfBarrier managed;

    /** A barrier for {@code parties} (> 0) parties. */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /** A barrier whose {@code action} runs in the last arriving party of each round. */
    public Barrier(int parties, SerializableRunnable action) {
        this(parties, action, null);
    }

    /** As above; {@link #await()} without a timeout uses {@code defaultTimeout}. */
    public Barrier(int parties, SerializableRunnable action, Duration defaultTimeout) {
        this.core = BarrierCore.create(parties, action);
        this.defaultTimeout = defaultTimeout;
        this.managed = null;
    }

    /** A barrier living in a manager server (see {@link Manager#barrier(int)}). */
    Barrier(Backends.OfBarrier managed) {
        this.core = null;
        this.defaultTimeout = null;
        this.managed = managed;
    }

    /** Waits for every party (or the default timeout); returns a distinct index in 0..parties-1. */
    public int await() {
        if (managed != null) return managed.await(Waits.FOREVER);
        return core.await(defaultTimeout == null ? Waits.FOREVER : Waits.nanos(defaultTimeout));
    }

    /** Waits at most {@code timeout} (zero or negative: do not block); a timeout breaks the barrier. */
    public int await(Duration timeout) {
        if (managed != null) return managed.await(Waits.nanos(timeout));
        return core.await(Waits.nanos(timeout));
    }

    /** Returns it to the initial state; parties waiting now get BarrierBrokenException. */
    public void reset() {
        if (managed != null) { managed.reset(); return; }
        core.reset();
    }

    /** Breaks it: current and later waiters get BarrierBrokenException until reset(). */
    public void abort() {
        if (managed != null) { managed.abort(); return; }
        core.abort();
    }

    public int parties() {
        if (managed != null) return managed.parties();
        return core.parties();
    }

    /** Parties waiting now. */
    public int nWaiting() {
        if (managed != null) return managed.nWaiting();
        return core.nWaiting();
    }

    public boolean isBroken() {
        if (managed != null) return managed.isBroken();
        return core.isBroken();
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + parties() + ", waiting=" + nWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
