package dev.mp4j;

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

    /** A new, clear event. */
    public Event() {
        this.core = EventCore.create();
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        core.set();
    }

    /** Clears the flag. */
    public void clear() {
        core.clear();
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return core.isSet();
    }

    /** Blocks until the flag is set. Interrupt: CancellationException (flag set again). */
    public void await() {
        core.await(Waits.FOREVER);
    }

    /** Waits at most {@code timeout} (zero or negative: do not block); returns whether the flag is set. */
    public boolean await(Duration timeout) {
        return core.await(Waits.nanos(timeout));
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
