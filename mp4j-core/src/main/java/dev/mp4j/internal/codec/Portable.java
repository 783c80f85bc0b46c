package dev.mp4j.internal.codec;

/**
 * One of mp4j's own objects that travel by reference (a shared segment, a queue): written by the {@link Codec} as its
 * kind and a few fields, and rebuilt by the reader its class registered with {@link #register}, never through
 * ObjectInputStream. A child that is handed a queue would otherwise pay ObjectInputStream's first use, 20-30 ms of
 * a cold JVM (its filter configuration sets up logging, and it spins its own lambdas). Only values encoded with
 * {@link Codec#encodeLocal} use this form, and only readers of trusted local input (unbounded {@link Limits})
 * accept it; everywhere else these objects are Java-serialized as before, so they must stay Serializable too.
 */
public interface Portable {
    /** Kinds: an index into the table of classes that read them back. */
    int SEGMENT = 0, QUEUE_CORE = 1, QUEUE_WIRE = 2, PIPE_CORE = 3, PIPE_END = 4, CONNECTION = 5, POOL_WORKER = 6, LAMBDA = 7,
        LOCK_CORE = 8, LOCK = 9, RLOCK = 10, EVENT_CORE = 11, EVENT = 12,
        SEMAPHORE_CORE = 13, SEMAPHORE = 14, BOUNDED_SEMAPHORE = 15, SHARED_VALUE = 16, SHARED_ARRAY = 17,
        CONDITION_CORE = 18, CONDITION = 19, BARRIER_CORE = 20, BARRIER = 21;

    /** Which kind this is. */
    int portableKind();

    /** The fields, each a fast-path value of the Codec or another Portable. */
    Object[] portableFields();

    /** A form made of {@code kind} and {@code fields}, for classes that travel as another object (a public Lock as its core). */
    static Portable of(int kind, Object... fields) {
        return new Portable() {
            @Override public int portableKind() { return kind; }
            @Override public Object[] portableFields() { return fields; }
        };
    }

    /** Rebuilds a value from its fields (bad fields: any RuntimeException; the Codec reports it). */
    interface Reader {
        Object read(Object[] fields);
    }

    /** Called by each portable class's static initializer. */
    static void register(int kind, Reader reader) {
        Portables.READERS[kind] = reader;
    }

    /** Gives a public class that travels as a Portable (a Queue) its form: the Portable, or null for none (then Java serialization). */
    interface Replacer {
        Portable replace(Object value);
    }

    /**
     * Registers an undo step for a side effect of making a Portable form (a pipe end reserves a slot for the copy in
     * flight), run if the message the form was made for is not sent in that form after all. Outside
     * {@link Codec#encodeLocal} there is nothing to undo: does nothing.
     */
    static void onAbandon(Runnable undo) {
        java.util.List<Runnable> list = Portables.UNDO.get();
        if (list != null) list.add(undo);
    }

    /** Registers the {@link Replacer} for instances of exactly {@code type}. */
    static void replaceWith(Class<?> type, Replacer replacer) {
        Portables.REPLACERS.put(type, replacer);
    }

    /** Both directions for a public class that travels as {@code kind} (a Lock as its core). */
    interface Form extends Reader, Replacer {}

    /** Registers {@code form} as the reader of {@code kind} and the replacer of exactly {@code type}. */
    static void define(int kind, Class<?> type, Form form) {
        register(kind, form);
        replaceWith(type, form);
    }
}
