package dev.mp4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A named shared-memory file in /dev/shm (the storage of {@code SharedMemory} and {@code ShareableList}), with
 * tracking: a header page lists the processes using it (pid + start time, one slot per open handle). When a
 * tracked file's last live user closes it, or when a sweep ({@link Janitor}) finds that every registered user has
 * died (kill -9 included), its name is removed; a file some live process still has open is never removed.
 * Untracked files ({@code track(false)}) stay until unlinked. Files without our header (made by other programs,
 * e.g. Python) can be attached too: all of it is data, never tracked.
 *
 * <p>Header ({@value #HEADER} bytes, then the data): magic (long, 0), data size (long, 8), flags (int, 16:
 * {@link #TRACKED}, {@link #REMOVED}), table lock (int, 20: holder pid), pollers flag (int, 24: see {@link Pollers}), user slots (pid long, start long) from
 * {@link #SLOTS_AT}.
 */
public final class SharedFile {
    public static final int HEADER = 4096;
    static final long MAGIC = 0x6D70346A53484D31L; // "mp4jSHM1"
    static final long SIZE = 8, FLAGS = 16, LOCK = 20, POLLERS = 24, SLOTS_AT = 64;
    static final int SLOTS = (int) ((HEADER - SLOTS_AT) / 16);
    static final int TRACKED = 1, REMOVED = 2;

    private final String name;
    private final Path path;
    private final long size;
    private final Arena arena;
    private final FileChannel channel;
    private final MemorySegment header; // null for a foreign file
    private final MemorySegment data;
    private final Object inode;
    private int slot = -1;
    private boolean closed;
    private boolean removedByClose;

    private SharedFile(String name, Path path, long size, Arena arena, FileChannel ch, MemorySegment header,
                       MemorySegment data, Object inode) {
        this.name = name;
        this.path = path;
        this.size = size;
        this.arena = arena;
        this.channel = ch;
        this.header = header;
        this.data = data;
        this.inode = inode;
    }

    /** Checks a user-given name: one file name in the shm directory (a leading '/' is allowed, as in POSIX). */
    public static String checkName(String name) {
        if (name == null) throw new NullPointerException("name");
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0 || n.length() > 250) {
            throw new IllegalArgumentException("invalid shared memory name: '" + name + "'");
        }
        return n;
    }

    /** A fresh random name. */
    public static String randomName() {
        return "mp4j-" + ShmDir.randomHex(8);
    }

    /** Creates {@code name} with {@code size} data bytes; existing: UncheckedIOException(FileAlreadyExistsException). */
    public static SharedFile create(String name, long size, boolean tracked) {
        if (size <= 0) throw new IllegalArgumentException("shared memory size must be > 0, got " + size);
        Path path = ShmDir.DIR.resolve(name);
        if (Files.exists(path)) throw ShmDir.unchecked(new FileAlreadyExistsException(path.toString()));
        // Build it fully under a temporary name, then link it in: attachers never see a half-made header, and the
        // link fails atomically if the name was taken meanwhile.
        Path tmp = ShmDir.DIR.resolve("mp4j-tmp-" + ProcessIdentity.PID + "-" + ShmDir.randomHex(8));
        Arena arena = Arena.ofShared();
        FileChannel ch = null;
        try {
            ch = ShmDir.createNew(tmp, HEADER + size);
            MemorySegment all = ch.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + size, arena);
            MemorySegment header = all.asSlice(0, HEADER);
            header.set(ValueLayout.JAVA_LONG, SIZE, size);
            header.set(ValueLayout.JAVA_INT, FLAGS, tracked ? TRACKED : 0);
            header.set(ValueLayout.JAVA_LONG, SLOTS_AT, ProcessIdentity.PID);
            header.set(ValueLayout.JAVA_LONG, SLOTS_AT + 8, ProcessIdentity.START);
            Mem.LONG.setRelease(header, 0L, MAGIC);
            Files.createLink(path, tmp);
            Files.delete(tmp);
            SharedFile f = new SharedFile(name, path, size, arena, ch, header, all.asSlice(HEADER, size), inodeOf(path));
            f.slot = 0;
            Pollers.joined(f.data, header, POLLERS);
            Janitor.opened(f);
            return f;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            arena.close();
            if (e instanceof IOException io) throw ShmDir.unchecked(io);
            throw (RuntimeException) e;
        }
    }

    /** Attaches to {@code name}; missing (or being removed): UncheckedIOException(NoSuchFileException). */
    public static SharedFile attach(String name) {
        Path path = ShmDir.DIR.resolve(name);
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw ShmDir.unchecked(e);
        }
        Arena arena = Arena.ofShared();
        try {
            long fileSize = ch.size();
            if (fileSize == 0) throw new NoSuchFileException(path.toString(), null, "empty file");
            MemorySegment all = ch.map(FileChannel.MapMode.READ_WRITE, 0, fileSize, arena);
            if (fileSize < HEADER || (long) Mem.LONG.getAcquire(all, 0L) != MAGIC) {
                return new SharedFile(name, path, fileSize, arena, ch, null, all, inodeOf(path)); // foreign: all data
            }
            MemorySegment header = all.asSlice(0, HEADER);
            long size = header.get(ValueLayout.JAVA_LONG, SIZE);
            SharedFile f = new SharedFile(name, path, size, arena, ch, header, all.asSlice(HEADER, size), inodeOf(path));
            lock(header);
            try {
                if (((int) Mem.INT.getVolatile(header, FLAGS) & REMOVED) != 0) {
                    throw new NoSuchFileException(path.toString(), null, "removed: its last user has closed it");
                }
                f.slot = claimSlot(header);
            } finally {
                unlock(header);
            }
            Pollers.joined(f.data, header, POLLERS);
            Janitor.opened(f);
            return f;
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            arena.close();
            if (e instanceof IOException io) throw ShmDir.unchecked(io);
            throw (RuntimeException) e;
        }
    }

    public String name() { return name; }
    public long size() { return size; }
    public boolean isClosed() { return closed; }

    public synchronized MemorySegment data() {
        if (closed) throw new IllegalStateException("shared memory '" + name + "' is closed");
        return data;
    }

    /** Whether the file is removed once unused (false for untracked and foreign files). */
    public boolean tracked() {
        return header != null && ((int) Mem.INT.getVolatile(header, FLAGS) & TRACKED) != 0;
    }

    /** Turns tracking on or off, for every process (a property of the file). */
    public synchronized void track(boolean on) {
        if (closed) throw new IllegalStateException("shared memory '" + name + "' is closed");
        if (header == null) {
            if (on) throw new UnsupportedOperationException("'" + name + "' was not made by mp4j and cannot be tracked");
            return;
        }
        lock(header);
        try {
            int f = (int) Mem.INT.getVolatile(header, FLAGS);
            Mem.INT.setVolatile(header, FLAGS, on ? f | TRACKED : f & ~TRACKED);
        } finally {
            unlock(header);
        }
    }

    /** Closes this handle (repeatable); removes the name if tracked and no live process uses it any more. */
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Janitor.closed(this);
        if (header != null) Pollers.left(data.address());
        if (header != null && slot >= 0) {
            lock(header);
            try {
                Mem.LONG.setVolatile(header, SLOTS_AT + 16L * slot, 0L);
                removedByClose = removeIfUnused(header, path, inode);
            } finally {
                unlock(header);
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapping goes with the arena either way
        }
        arena.close();
    }

    /** Removes the name (Python's unlink). After this handle's own close removed it: no-op once. */
    public synchronized void unlink() {
        if (removedByClose) {
            removedByClose = false;
            return;
        }
        if (header != null && !closed) {
            lock(header);
            try {
                Mem.INT.setVolatile(header, FLAGS, (int) Mem.INT.getVolatile(header, FLAGS) | REMOVED);
            } finally {
                unlock(header);
            }
        }
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw ShmDir.unchecked(e);
        }
    }

    // ---- the user table ----

    private static int claimSlot(MemorySegment header) throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            long pid = (long) Mem.LONG.getVolatile(header, SLOTS_AT + 16L * i);
            if (pid == 0 || !ProcessIdentity.isAlive(pid, (long) Mem.LONG.getVolatile(header, SLOTS_AT + 16L * i + 8))) {
                Mem.LONG.setVolatile(header, SLOTS_AT + 16L * i + 8, ProcessIdentity.START);
                Mem.LONG.setVolatile(header, SLOTS_AT + 16L * i, ProcessIdentity.PID);
                return i;
            }
        }
        throw new IOException("too many handles open on this shared memory (" + SLOTS + ")");
    }

    /** With the table locked: if tracked, not yet removed, and no live user, marks it removed and deletes the name. */
    static boolean removeIfUnused(MemorySegment header, Path path, Object inode) {
        int flags = (int) Mem.INT.getVolatile(header, FLAGS);
        if ((flags & TRACKED) == 0 || (flags & REMOVED) != 0) return false;
        for (int i = 0; i < SLOTS; i++) {
            long pid = (long) Mem.LONG.getVolatile(header, SLOTS_AT + 16L * i);
            if (pid != 0 && ProcessIdentity.isAlive(pid, (long) Mem.LONG.getVolatile(header, SLOTS_AT + 16L * i + 8))) return false;
        }
        Mem.INT.setVolatile(header, FLAGS, flags | REMOVED);
        try {
            // Only if the name still is this file: someone may have unlinked it and made a new one.
            if (inode != null && inode.equals(inodeOf(path))) Files.deleteIfExists(path);
        } catch (IOException | UncheckedIOException ignored) {
            // gone already
        }
        return true;
    }

    static Object inodeOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:ino");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The table lock: a pid in an int, spun on (held for microseconds); a dead holder's is taken over. */
    static void lock(MemorySegment header) {
        int pid = (int) ProcessIdentity.PID;
        for (int i = 0; ; i++) {
            // CAS (volatile): acquire semantics for the table that follows.
            if (Mem.INT.compareAndSet(header, LOCK, 0, pid)) return;
            if (i > 100) {
                int holder = (int) Mem.INT.getVolatile(header, LOCK);
                if (holder != 0 && holder != pid && ProcessIdentity.startOf(holder) < 0
                    && Mem.INT.compareAndSet(header, LOCK, holder, pid)) return;
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    static void unlock(MemorySegment header) {
        Mem.INT.setVolatile(header, LOCK, 0);
    }
}
