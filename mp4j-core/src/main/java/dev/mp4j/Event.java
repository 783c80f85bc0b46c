package dev.mp4j;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.EventCore;
import dev.mp4j.internal.sync.Waits;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Event}: a flag that threads and processes wait on; {@link #set()} wakes all of
 * them. Serializable: in another process it is the same event.
 */
public class Event implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** Set for an event living in a {@link Manager} or a cluster (null for a shared-memory one). */
    final Backends.OfEvent managed;
    /** What every operation delegates to. */
    private final Backends.OfEvent backend;

    /** A new, clear event (in the cluster when the default {@link Context} is a cluster's). */
    public Event() {
        var engine = Context.defaultEngine();
        this.managed = engine == null ? null : engine.event();
        this.backend = engine == null ? EventCore.create() : managed;
    }

    /** An event living in a manager server or a cluster (see {@link Manager#event()}). */
    Event(Backends.OfEvent managed) {
        this.managed = managed;
        this.backend = managed;
    }

    /** An event that arrived in the codec's own form: its shared core. */
    private Event(EventCore core, boolean arrived) {
        this.managed = null;
        this.backend = core;
    }

    static {
        // passed to a child in its target, an event skips Java serialization (see Portable)
        Portable.define(Portable.EVENT, Event.class, new Portable.Form() {
            @Override public Object read(Object[] f) { return new Event((EventCore) f[0], true); }

            @Override public Portable replace(Object value) {
                Event e = (Event) value;
                return e.managed == null && e.backend instanceof EventCore core ? Portable.of(Portable.EVENT, core) : null;
            }
        });
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        backend.set();
    }

    /** Clears the flag. */
    public void clear() {
        backend.clear();
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return backend.isSet();
    }

    /** Blocks until the flag is set. Interrupt: CancellationException (flag set again). */
    public void await() {
        backend.await(Waits.FOREVER);
    }

    /** Waits at most {@code timeout} (zero or negative: do not block); returns whether the flag is set. */
    public boolean await(Duration timeout) {
        return backend.await(Waits.nanos(timeout));
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
