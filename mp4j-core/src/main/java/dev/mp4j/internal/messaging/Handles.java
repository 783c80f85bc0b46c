package dev.mp4j.internal.messaging;

import dev.mp4j.internal.codec.Portable;

import java.io.Serial;
import java.io.Serializable;
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
        synchronized (BY_ID) { // not compute(): a lambda costs a cold child JVM milliseconds
            WeakReference<Object> old = BY_ID.get(id);
            if (old == null || old.get() == null) BY_ID.put(id, new WeakReference<>(handle));
        }
    }

    /**
     * The travelling form of a queue: its core (which re-attaches the segment) and which public class it is. A class,
     * not a record, like every form that reaches a child at start-up: the first record a JVM deserializes costs it
     * some 20 ms of method-handle set-up.
     */
    public static final class QueueWire implements Serializable, Portable {
        @Serial private static final long serialVersionUID = 1L;
        private final QueueCore core;
        private final int kind;

        public QueueWire(QueueCore core, int kind) {
            this.core = core;
            this.kind = kind;
        }

        static {
            Portable.register(Portable.QUEUE_WIRE, new Portable.Reader() {
                @Override public Object read(Object[] f) {
                    return new QueueWire((QueueCore) f[0], (Integer) f[1]).resolve();
                }
            });
        }

        @Override public int portableKind() { return Portable.QUEUE_WIRE; }

        @Override public Object[] portableFields() { return new Object[] {core, kind}; }

        @Serial
        private Object readResolve() throws java.io.InvalidObjectException {
            try {
                return resolve();
            } catch (IllegalArgumentException e) {
                throw new java.io.InvalidObjectException(e.getMessage());
            }
        }

        private Object resolve() {
            if (core == null || kind < 0 || kind >= KINDS.length) throw new IllegalArgumentException("bad queue reference");
            WeakReference<Object> ref = BY_ID.get(core.id());
            Object known = ref == null ? null : ref.get();
            if (known != null) return known;
            synchronized (BY_ID) {
                ref = BY_ID.get(core.id());
                known = ref == null ? null : ref.get();
                if (known != null) return known;
                try {
                    // reflection, not a method handle: in a child (native reflection) it spins no classes
                    Class<?> type = Class.forName(KINDS[kind], true, Handles.class.getClassLoader());
                    var ctor = type.getDeclaredConstructor(QueueCore.class);
                    ctor.setAccessible(true);
                    return ctor.newInstance(core); // registers itself
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot re-create " + KINDS[kind], e);
                }
            }
        }
    }
}
