package dev.mp4j;

import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.codec.Portable;
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

    private final Duration defaultTimeout;
    /** Set for a barrier living in a {@link Manager} or a cluster (null for a shared-memory one). */
    final Backends.OfBarrier managed;
    /** What every operation delegates to. */
    private final Backends.OfBarrier backend;

    /** A barrier for {@code parties} (> 0) parties. */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /** A barrier whose {@code action} runs in the last arriving party of each round. */
    public Barrier(int parties, SerializableRunnable action) {
        this(parties, action, null);
    }

    /**
     * As above; {@link #await()} without a timeout uses {@code defaultTimeout}. Made in the cluster when the default
     * {@link Context} is a cluster's.
     */
    public Barrier(int parties, SerializableRunnable action, Duration defaultTimeout) {
        if (parties <= 0) throw new IllegalArgumentException("barrier parties must be > 0, got " + parties);
        var engine = Context.defaultEngine();
        this.defaultTimeout = defaultTimeout;
        this.managed = engine == null ? null : engine.barrier(parties, action);
        this.backend = engine == null ? BarrierCore.create(parties, action) : managed;
    }

    /** A barrier living in a manager server (see {@link Manager#barrier(int)}). */
    Barrier(Backends.OfBarrier managed) {
        this.defaultTimeout = null;
        this.managed = managed;
        this.backend = managed;
    }

    /** A shared-memory barrier arriving in a child in the codec's own form. */
    private Barrier(BarrierCore core, Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
        this.managed = null;
        this.backend = core;
    }

    static {
        // passed to a child in its target, a barrier skips Java serialization (see Portable); the default timeout
        // as seconds and nanos (null: none)
        Portable.define(Portable.BARRIER, Barrier.class, new Portable.Form() {
            @Override public Object read(Object[] f) {
                Duration timeout = f[1] == null ? null : Duration.ofSeconds((Long) f[1], (Integer) f[2]);
                return new Barrier((BarrierCore) f[0], timeout);
            }

            @Override public Portable replace(Object value) {
                Barrier b = (Barrier) value;
                if (!(b.backend instanceof BarrierCore core)) return null;
                Duration t = b.defaultTimeout;
                return Portable.of(Portable.BARRIER, core, t == null ? null : t.getSeconds(), t == null ? null : t.getNano());
            }
        });
    }

    /** Waits for every party (or the default timeout); returns a distinct index in 0..parties-1. */
    public int await() {
        return backend.await(defaultTimeout == null ? Waits.FOREVER : Waits.nanos(defaultTimeout));
    }

    /** Waits at most {@code timeout} (zero or negative: do not block); a timeout breaks the barrier. */
    public int await(Duration timeout) {
        return backend.await(Waits.nanos(timeout));
    }

    /** Returns it to the initial state; parties waiting now get BarrierBrokenException. */
    public void reset() {
        backend.reset();
    }

    /** Breaks it: current and later waiters get BarrierBrokenException until reset(). */
    public void abort() {
        backend.abort();
    }

    public int parties() {
        return backend.parties();
    }

    /** Parties waiting now. */
    public int nWaiting() {
        return backend.nWaiting();
    }

    public boolean isBroken() {
        return backend.isBroken();
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + parties() + ", waiting=" + nWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
