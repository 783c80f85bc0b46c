package dev.mp4j;

import dev.mp4j.internal.shm.SharedFile;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * Python's {@code multiprocessing.shared_memory.SharedMemory}: a named block of shared memory (a file in
 * /dev/shm) that any process can attach to by name, seen as a {@link MemorySegment}.
 *
 * <p>Lifetime, unlike Python's resource tracker: a tracked block (the default) is removed when no live process
 * uses it any more, i.e. when the last handle is closed, or when every process holding a handle has ended,
 * kill -9 included; a block some live process has open is never removed. Call {@link #track(boolean) track(false)}
 * for a block meant to outlive its users; it then stays until {@link #unlink()}. {@code close()} then
 * {@code unlink()}, Python's idiom, works either way.
 *
 * <p>Errors: an existing name on create, a missing one on attach or a second unlink:
 * {@link java.io.UncheckedIOException} whose cause is {@link java.nio.file.FileAlreadyExistsException} /
 * {@link java.nio.file.NoSuchFileException}; size <= 0: {@link IllegalArgumentException}; {@link #segment()} after
 * {@link #close()}: {@link IllegalStateException}. Serializable by name: it attaches again in the receiving
 * process (close that handle there too, or it is closed when that JVM exits).
 */
public final class SharedMemory implements AutoCloseable, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final transient SharedFile file;

    private SharedMemory(SharedFile file) {
        this.file = file;
    }

    /** A new block of {@code size} bytes (zeroed) under a fresh random name. */
    public static SharedMemory create(long size) {
        return create(SharedFile.randomName(), size);
    }

    /** A new block of {@code size} bytes (zeroed) named {@code name}. */
    public static SharedMemory create(String name, long size) {
        if (size <= 0) throw new IllegalArgumentException("shared memory size must be > 0, got " + size);
        return new SharedMemory(SharedFile.create(SharedFile.checkName(name), size, true));
    }

    /** Attaches to the existing block {@code name}. */
    public static SharedMemory attach(String name) {
        return new SharedMemory(SharedFile.attach(SharedFile.checkName(name)));
    }

    /** The block's name (without a leading '/'), to attach from elsewhere. */
    public String name() {
        return file.name();
    }

    /** The size it was created with, also when attached. */
    public long size() {
        return file.size();
    }

    /** The block's memory; after {@link #close()}: IllegalStateException. */
    public MemorySegment segment() {
        return file.data();
    }

    /**
     * Whether the block is removed automatically once no live process uses it (default true). A property of the
     * block, seen by every process. Returns this.
     */
    public SharedMemory track(boolean tracked) {
        file.track(tracked);
        return this;
    }

    /** Whether the block is tracked (see {@link #track(boolean)}). */
    public boolean isTracked() {
        return file.tracked();
    }

    /** Closes this handle only (repeatable); the memory stays for other handles. */
    @Override
    public void close() {
        file.close();
    }

    /** Removes the name: nobody can attach any more; open handles keep working. */
    public void unlink() {
        file.unlink();
    }

    @Override
    public String toString() {
        return "SharedMemory(name='" + name() + "', size=" + size() + (file.isClosed() ? ", closed" : "") + ")";
    }

    @Serial
    private Object writeReplace() {
        return new ByName(name());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("SharedMemory travels by name");
    }

    private record ByName(String name) implements Serializable {
        @Serial
        private Object readResolve() {
            return SharedMemory.attach(name);
        }
    }
}
