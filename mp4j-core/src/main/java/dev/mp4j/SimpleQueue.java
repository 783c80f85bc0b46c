package dev.mp4j;

import dev.mp4j.internal.messaging.Handles;
import dev.mp4j.internal.messaging.QueueCore;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.SimpleQueue}: an unbounded queue with just {@link #put}, {@link #get},
 * {@link #isEmpty} and {@link #close}. Same machinery and guarantees as {@link Queue}.
 */
public class SimpleQueue<T> implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final transient QueueCore core;
    private transient volatile boolean closed;

    public SimpleQueue() { this(QueueCore.create(0)); }

    SimpleQueue(QueueCore core) {
        this.core = core;
        Handles.register(core.id(), this);
    }

    public void put(T item) {
        checkOpen();
        core.put(item, Waits.FOREVER);
    }

    @SuppressWarnings("unchecked")
    public T get() {
        checkOpen();
        return (T) core.get(Waits.FOREVER);
    }

    public boolean isEmpty() { return core.isEmpty(); }

    /** This process will put and get no more (then {@link IllegalStateException}); repeatable. */
    public void close() { closed = true; }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("SimpleQueue closed in this process");
    }

    @Override
    public String toString() { return "SimpleQueue(" + core + (closed ? ", closed here" : "") + ")"; }

    @Serial
    Object writeReplace() { return new Handles.QueueWire(core, 2); }

    static {
        dev.mp4j.internal.codec.Portable.replaceWith(SimpleQueue.class, new dev.mp4j.internal.codec.Portable.Replacer() {
            @Override public dev.mp4j.internal.codec.Portable replace(Object value) {
                return (Handles.QueueWire) ((SimpleQueue<?>) value).writeReplace();
            }
        });
    }
}
