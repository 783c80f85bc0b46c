package dev.mp4j.internal.shm;

import dev.mp4j.Mp4jException;
import dev.mp4j.internal.codec.Portable;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An anonymous shared-memory segment: the storage of every lock, semaphore, value, array (and queue ring). Its file
 * is created in /dev/shm as {@code mp4j-seg-<pid>-<id>} (mode 0600) and unlinked right after it is mapped, so the kernel
 * frees it when the last process holding it ends, however it ends (kill -9 included): nothing is ever left behind,
 * and nothing in use is ever removed.
 *
 * <p>Other processes attach through {@code /proc/<pid>/fd/<fd>} of a live holder. A serialized {@code Segment}
 * names its creator and the serializing process (plus the holders it learned of); deserializing re-attaches, once
 * per process (the same {@code Segment} instance for the same id). If every holder has ended by then, the segment
 * is gone and deserialization fails with an {@link Mp4jException}.
 *
 * <p>Layout: a {@value #HEADER}-byte header (magic, id, size), then {@link #memory()}: {@code size} zeroed bytes,
 * page-aligned at the file level so any natural alignment within it holds. Keep the {@code Segment} reachable while
 * using its memory: once it is garbage, this process's mapping and file descriptor go away.
 */
public final class Segment implements Serializable, Portable {
    @Serial private static final long serialVersionUID = 1L;

    /** Bytes before {@link #memory()}: magic (long, offset 0), id (long, 8), size (long, 16), pollers (int, 24). */
    public static final int HEADER = 64;
    private static final long POLLERS = 24;
    private static final long MAGIC = 0x6D70346A53454731L; // "mp4jSEG1"
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ConcurrentHashMap<Long, WeakReference<Segment>> ATTACHED = new ConcurrentHashMap<>();
    private static volatile boolean swept;
    /** Names of segments and of SharedFile's temporary files: the pid of the process that made them. */
    private static final java.util.regex.Pattern STALE = java.util.regex.Pattern.compile("mp4j-(?:seg|tmp)-(\\d+)-[0-9a-f]+");

    /**
     * Segments written by this thread, in either serial form: tells the launcher whether a child it is about to start
     * is handed shared memory (see {@link #writtenByThisThread}). An anonymous class, not a lambda: children load this.
     */
    private static final ThreadLocal<long[]> WRITTEN = new ThreadLocal<>() {
        @Override protected long[] initialValue() { return new long[1]; }
    };

    private final transient long id;
    private final transient long size;
    private final transient String fileName;
    private final transient MemorySegment memory;
    private final transient int fd;
    private final transient long[] knownHolders;

    private Segment(long id, long size, String fileName, MemorySegment memory, int fd, long[] knownHolders) {
        this.id = id;
        this.size = size;
        this.fileName = fileName;
        this.memory = memory;
        this.fd = fd;
        this.knownHolders = knownHolders;
    }

    /** Creates a zero-filled segment of {@code size} usable bytes. */
    public static Segment create(long size) {
        if (size <= 0) throw new IllegalArgumentException("segment size must be positive, got " + size);
        if (!swept) sweepStale();
        long id = ShmDir.randomLong();
        String name = "mp4j-seg-" + ProcessIdentity.PID + "-" + Long.toHexString(id);
        Path path = ShmDir.DIR.resolve(name);
        try {
            FileChannel ch = ShmDir.createNew(path, HEADER + size);
            try {
                MemorySegment whole = ch.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + size, Arena.ofAuto());
                whole.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, id);
                whole.set(java.lang.foreign.ValueLayout.JAVA_LONG, 16, size);
                // Release store: an attacher that reads the magic sees id and size too.
                Mem.LONG.setRelease(whole, 0L, MAGIC);
                int fd = -1;
                if (ShmDir.PROC) {
                    fd = findFd(path.toString());
                    Files.delete(path);
                } else {
                    path.toFile().deleteOnExit(); // no /proc: attach by name, remove at exit (best effort)
                }
                Segment s = new Segment(id, size, name, whole.asSlice(HEADER, size), fd, new long[0]);
                register(s, ch, whole);
                return s;
            } catch (IOException | RuntimeException e) {
                ch.close();
                Files.deleteIfExists(path);
                throw e;
            }
        } catch (IOException e) {
            throw ShmDir.unchecked(e);
        }
    }

    /** The usable bytes (after the header), mapped shared and read-write. */
    public MemorySegment memory() {
        return memory;
    }

    /** Usable size in bytes. */
    public long size() {
        return size;
    }

    /** A random id, the same in every process. */
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "Segment[" + fileName + ", " + size + " bytes]";
    }

    private static void register(Segment s, FileChannel ch, MemorySegment whole) {
        ATTACHED.put(s.id, new WeakReference<>(s));
        Pollers.joined(s.memory, whole, POLLERS);
        long id = s.id, address = s.memory.address();
        CLEANER.register(s, new Unmapped(id, address, ch));
    }

    /** What is left to do once a segment is unreachable. A class, not a lambda: see {@link Portable}'s cold-JVM note. */
    private record Unmapped(long id, long address, FileChannel ch) implements Runnable {
        @Override public void run() {
            Pollers.left(address);
            synchronized (ATTACHED) {
                WeakReference<Segment> ref = ATTACHED.get(id);
                if (ref != null && ref.refersTo(null)) ATTACHED.remove(id, ref);
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }

    /** Where the last descriptor was found: the next one is usually right after it (the kernel hands out the lowest free). */
    private static volatile int fdHint = 3;

    /** The number of the descriptor in this process whose link in /proc/self/fd starts with {@code target}. */
    private static int findFd(String target) throws IOException {
        int hint = fdHint;
        for (int fd = hint - 2; fd <= hint + 8; fd++) {
            if (fd >= 0 && linksTo(fd, target)) {
                fdHint = fd + 1;
                return fd;
            }
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                try {
                    if (Files.readSymbolicLink(p).toString().startsWith(target)) {
                        int fd = Integer.parseInt(p.getFileName().toString());
                        fdHint = fd + 1;
                        return fd;
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // the directory's own descriptor, or one closed meanwhile
                }
            }
        }
        throw new IOException("cannot find the descriptor of " + target + " in /proc/self/fd");
    }

    private static boolean linksTo(int fd, String target) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith(target);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Removes files a process left when it was killed between creating and unlinking them (a microsecond window). */
    private static void sweepStale() {
        swept = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ShmDir.DIR, "mp4j-{seg,tmp}-*")) {
            for (Path p : files) {
                java.util.regex.Matcher m = STALE.matcher(p.getFileName().toString());
                try {
                    if (m.matches() && ProcessIdentity.startOf(Long.parseLong(m.group(1))) < 0) Files.deleteIfExists(p);
                } catch (RuntimeException | IOException ignored) {
                    // removed meanwhile
                }
            }
        } catch (IOException ignored) {
            // an unreadable directory: nothing to sweep
        }
    }

    // ---- serialization: by reference, re-attached in the receiving process ----

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return ref();
    }

    /**
     * How many segments this thread has serialized so far: compare the figure before and after encoding a message to
     * tell whether it carries shared memory. A hint (bytes encoded earlier and passed along are not seen).
     */
    public static long writtenByThisThread() {
        return WRITTEN.get()[0];
    }

    /** The serial form (see {@link Ref}), also this segment's {@link Portable} fields. */
    private Ref ref() {
        WRITTEN.get()[0]++;
        long[] holders = knownHolders;
        if (fd >= 0) {
            holders = Arrays.copyOf(knownHolders, Math.min(knownHolders.length, 9) + 3);
            System.arraycopy(holders, 0, holders, 3, holders.length - 3);
            holders[0] = ProcessIdentity.PID;
            holders[1] = ProcessIdentity.START;
            holders[2] = fd;
        }
        return new Ref(id, size, fileName, holders);
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        throw new java.io.InvalidObjectException("Segment is serialized through its Ref");
    }

    static {
        Portable.register(Portable.SEGMENT, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                return attach(new Ref((Long) f[0], (Long) f[1], (String) f[2], (long[]) f[3]).checked());
            }
        });
    }

    @Override public int portableKind() { return Portable.SEGMENT; }

    @Override public Object[] portableFields() {
        Ref r = ref();
        return new Object[] {r.id, r.size, r.fileName, r.holders};
    }

    /**
     * The serial form: id, size, file name and holders as (pid, start time, fd) triples. A class, not a record: the
     * first record a JVM deserializes costs it 40-90 ms of method-handle set-up, and every child that is handed a
     * shared object reads one of these first.
     */
    private static final class Ref implements Serializable {
        @Serial private static final long serialVersionUID = 1L;
        private final long id, size;
        private final String fileName;
        private final long[] holders;

        Ref(long id, long size, String fileName, long[] holders) {
            this.id = id;
            this.size = size;
            this.fileName = fileName;
            this.holders = holders;
        }

        @Serial
        private Object readResolve() throws ObjectStreamException {
            try {
                return attach(checked());
            } catch (IllegalArgumentException e) {
                throw new java.io.InvalidObjectException(e.getMessage());
            }
        }

        Ref checked() {
            if (fileName == null || holders == null || size < 0) throw new IllegalArgumentException("bad segment reference");
            return this;
        }
    }

    private static Segment attach(Ref ref) {
        WeakReference<Segment> known = ATTACHED.get(ref.id);
        Segment s = known == null ? null : known.get();
        if (s != null) return s;
        synchronized (ATTACHED) {
            known = ATTACHED.get(ref.id);
            s = known == null ? null : known.get();
            if (s != null) return s;
            if (!ShmDir.PROC) return open(ref, ShmDir.DIR.resolve(ref.fileName), -1);
            for (int i = 0; i + 2 < ref.holders.length; i += 3) {
                long pid = ref.holders[i];
                if (pid == ProcessIdentity.PID || !ProcessIdentity.isAlive(pid, ref.holders[i + 1])) continue;
                Path link = Path.of("/proc/" + pid + "/fd/" + ref.holders[i + 2]);
                s = open(ref, link, 0);
                if (s != null) return s;
            }
        }
        throw new Mp4jException("shared object " + ref.fileName + " no longer exists: every process that held it has ended");
    }

    /** Maps {@code path} if it is the segment {@code ref} names; null if it is not (a reused pid or descriptor). */
    private static Segment open(Ref ref, Path path, int fdHint) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            return null;
        }
        try {
            if (ch.size() != HEADER + ref.size) {
                ch.close();
                return null;
            }
            MemorySegment whole = ch.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + ref.size, Arena.ofAuto());
            // Acquire load pairs with the creator's release store of the magic.
            if ((long) Mem.LONG.getAcquire(whole, 0L) != MAGIC
                || whole.get(java.lang.foreign.ValueLayout.JAVA_LONG, 8) != ref.id) {
                ch.close();
                return null;
            }
            int fd = fdHint < 0 ? -1 : findFd(ShmDir.DIR.resolve(ref.fileName).toString());
            Segment s = new Segment(ref.id, ref.size, ref.fileName, whole.asSlice(HEADER, ref.size), fd, ref.holders);
            register(s, ch, whole);
            return s;
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            return null;
        }
    }
}
