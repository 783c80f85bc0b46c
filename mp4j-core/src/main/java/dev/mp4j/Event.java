package dev.mp4j;

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

    private final EventCore core;
    /** Set instead of {@code core} for an event living in a {@link Manager} (then {@code core} is null). */
    final Backends.OfEvent managed;

    /** A new, clear event. */
    public Event() {
        this.core = EventCore.create();
        this.managed = null;
    }

    /** An event living in a manager server (see {@link Manager#event()}). */
    Event(Backends.OfEvent managed) {
        this.core = null;
        this.managed = managed;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        if (managed != null) { managed.set(); return; }
        core.set();
    }

    /** Clears the flag. */
    public void clear() {
        if (managed != null) { managed.clear(); return; }
        core.clear();
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        if (managed != null) return managed.isSet();
        return core.isSet();
    }

    /** Blocks until the flag is set. Interrupt: CancellationException (flag set again). */
    public void await() {
        if (managed != null) { managed.await(Waits.FOREVER); return; }
        core.await(Waits.FOREVER);
    }

    /** Waits at most {@code timeout} (zero or negative: do not block); returns whether the flag is set. */
    public boolean await(Duration timeout) {
        if (managed != null) return managed.await(Waits.nanos(timeout));
        return core.await(Waits.nanos(timeout));
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
