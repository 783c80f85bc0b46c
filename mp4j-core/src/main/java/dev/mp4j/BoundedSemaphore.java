package dev.mp4j;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.sync.SemaphoreCore;
import java.io.Serial;

/**
 * Python's {@code multiprocessing.BoundedSemaphore}: a {@link Semaphore} that refuses to be released above its
 * initial value ({@link IllegalStateException}, the count unchanged). The check is exact across processes.
 */
public class BoundedSemaphore extends Semaphore {
    @Serial private static final long serialVersionUID = 1L;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /** A bounded semaphore with {@code value} permits, which is also its bound; negative: IllegalArgumentException. */
    public BoundedSemaphore(int value) {
        super(value, true);
    }

    /** A bounded semaphore living in a manager server (see {@link Manager#boundedSemaphore(int)}). */
    BoundedSemaphore(dev.mp4j.internal.backend.Backends.OfSemaphore managed) {
        super(managed);
    }

    private BoundedSemaphore(SemaphoreCore core, boolean arrived) {
        super(core, arrived);
    }

    static {
        // passed to a child in its target, a semaphore skips Java serialization (see Portable)
        Portable.define(Portable.BOUNDED_SEMAPHORE, BoundedSemaphore.class, new Portable.Form() {
            @Override public Object read(Object[] f) { return new BoundedSemaphore((SemaphoreCore) f[0], true); }

            @Override public Portable replace(Object value) {
                var core = ((BoundedSemaphore) value).core;
                return core == null ? null : Portable.of(Portable.BOUNDED_SEMAPHORE, core);
            }
        });
    }
}
