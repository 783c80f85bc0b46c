package dev.mp4j.internal.codec;

import dev.mp4j.Mp4jException;

/** The classes behind {@link Portable}'s kinds, initialized (and so registered) on first need. */
final class Portables {
    private Portables() {}

    private static final String[] CLASSES = {
        "dev.mp4j.internal.shm.Segment", "dev.mp4j.internal.messaging.QueueCore", "dev.mp4j.internal.messaging.Handles$QueueWire",
        "dev.mp4j.internal.messaging.PipeCore", "dev.mp4j.internal.messaging.PipeEnd$Wire", "dev.mp4j.Connection",
        "dev.mp4j.internal.pool.WorkerMain", "dev.mp4j.internal.codec.Lambdas",
        "dev.mp4j.internal.sync.LockCore", "dev.mp4j.Lock", "dev.mp4j.RLock", "dev.mp4j.internal.sync.EventCore", "dev.mp4j.Event",
        "dev.mp4j.internal.sync.SemaphoreCore", "dev.mp4j.Semaphore", "dev.mp4j.BoundedSemaphore",
        "dev.mp4j.internal.sync.Values", "dev.mp4j.internal.sync.SharedArrays",
        "dev.mp4j.internal.sync.ConditionCore", "dev.mp4j.Condition", "dev.mp4j.internal.sync.BarrierCore", "dev.mp4j.Barrier"};
    static final Portable.Reader[] READERS = new Portable.Reader[CLASSES.length];
    static final java.util.concurrent.ConcurrentHashMap<Class<?>, Portable.Replacer> REPLACERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Undo steps of the {@link Codec#encodeLocal} running on this thread; null outside one. */
    static final ThreadLocal<java.util.List<Runnable>> UNDO = new ThreadLocal<>();

    /** {@code value} itself if Portable, else its registered replacement, else null. */
    static Portable of(Object value) {
        if (value instanceof Portable p) return p;
        Class<?> c = value.getClass();
        Portable.Replacer r = REPLACERS.get(c);
        if (r != null) return r.replace(value);
        if (c.isHidden() || c.isSynthetic()) { // a serializable lambda: its fields, not Java serialization
            java.util.List<Object> form = Lambdas.form(value);
            if (form != null) return new Lambdas.Nested(form);
        }
        return null;
    }

    static Object read(int kind, Object[] fields) {
        if (kind < 0 || kind >= CLASSES.length) throw new Mp4jException("not a valid message: unknown shared object kind " + kind);
        Portable.Reader reader = READERS[kind];
        if (reader == null) {
            try {
                Class.forName(CLASSES[kind], true, Portables.class.getClassLoader()); // its static initializer registers
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("mp4j is missing " + CLASSES[kind], e);
            }
            reader = READERS[kind];
            if (reader == null) throw new IllegalStateException(CLASSES[kind] + " did not register its reader");
        }
        return reader.read(fields);
    }
}
