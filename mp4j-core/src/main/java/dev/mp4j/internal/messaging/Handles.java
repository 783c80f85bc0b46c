package dev.mp4j.internal.messaging;

import java.io.Serial;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One handle object per shared queue per process: a queue deserialized twice in a process (or sent back to its
 * creator) is the instance already there. The public classes register themselves; a {@link QueueWire} resolves
 * to the registered instance or builds one through the public class's package-private constructor.
 */
public final class Handles {
    private static final ConcurrentHashMap<Long, WeakReference<Object>> BY_ID = new ConcurrentHashMap<>();
    private static final String[] KINDS = {"dev.mp4j.Queue", "dev.mp4j.JoinableQueue", "dev.mp4j.SimpleQueue"};

    private Handles() {}

    public static void register(long id, Object handle) {
        BY_ID.compute(id, (k, old) -> old != null && old.get() != null ? old : new WeakReference<>(handle));
    }

    /** The travelling form of a queue: its core (which re-attaches the segment) and which public class it is. */
    public record QueueWire(QueueCore core, int kind) implements Serializable {
        @Serial
        private Object readResolve() {
            WeakReference<Object> ref = BY_ID.get(core.id());
            Object known = ref == null ? null : ref.get();
            if (known != null) return known;
            synchronized (BY_ID) {
                ref = BY_ID.get(core.id());
                known = ref == null ? null : ref.get();
                if (known != null) return known;
                try {
                    Class<?> type = Class.forName(KINDS[kind], true, Handles.class.getClassLoader());
                    MethodHandle ctor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                        .findConstructor(type, MethodType.methodType(void.class, QueueCore.class));
                    return ctor.invoke(core); // registers itself
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot re-create " + KINDS[kind], e);
                }
            }
        }
    }
}
