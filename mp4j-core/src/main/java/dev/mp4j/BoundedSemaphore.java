package dev.mp4j;

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

    private BoundedSemaphore(dev.mp4j.internal.sync.SemaphoreCore core, boolean arrived) {
        super(core, arrived);
    }

    static {
        // passed to a child in its target, a semaphore skips Java serialization (see Portable)
        dev.mp4j.internal.codec.Portable.register(dev.mp4j.internal.codec.Portable.BOUNDED_SEMAPHORE, new dev.mp4j.internal.codec.Portable.Reader() {
            @Override public Object read(Object[] f) { return new BoundedSemaphore((dev.mp4j.internal.sync.SemaphoreCore) f[0], true); }
        });
        dev.mp4j.internal.codec.Portable.replaceWith(BoundedSemaphore.class, new dev.mp4j.internal.codec.Portable.Replacer() {
            @Override public dev.mp4j.internal.codec.Portable replace(Object value) {
                var core = ((BoundedSemaphore) value).core;
                return core == null ? null : dev.mp4j.internal.codec.Portable.of(dev.mp4j.internal.codec.Portable.BOUNDED_SEMAPHORE, core);
            }
        });
    }
}
