package dev.mp4j.internal.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where children write down how they end, so the parent can tell {@code System.exit(137)} from a kill -9: one
 * small file per parent JVM, a slot of {@value #SLOT} bytes per live child. The file is unlinked as soon as it is
 * open, so it can never be left behind; children reach it through {@code /proc/<parent>/fd/<n>} with a plain
 * {@link RandomAccessFile}, which a cold JVM opens in microseconds (a socket costs it tens of milliseconds).
 * Without /proc there is no board, and exit statuses above 128 are read as signals.
 */
final class StatusBoard {
    static final int SLOT = 8;
    /** Byte 0 of a slot: set by the child's shutdown hook, so the OS exit status is the one the program chose. */
    static final int EXITING = 0;
    /** Byte 1 of a slot: the number of the signal (TERM, INT, HUP) that is ending the child. */
    static final int SIGNAL = 1;
    /** Byte 3 of a slot: set once the child's signal handlers and exit report are in place. */
    static final int ARMED = 3;

    private static StatusBoard board;
    private static boolean tried;

    private final RandomAccessFile file;
    private final String childPath;
    private final BitSet used = new BitSet();

    private StatusBoard(RandomAccessFile file, String childPath) {
        this.file = file;
        this.childPath = childPath;
    }

    /** This JVM's board, or null where there is none to be had. */
    static synchronized StatusBoard get() {
        if (!tried) {
            tried = true;
            board = create();
        }
        return board;
    }

    /** The path a child opens to reach the board. */
    String childPath() { return childPath; }

    synchronized int acquire() throws IOException {
        int slot = used.nextClearBit(0);
        used.set(slot);
        file.seek((long) slot * SLOT);
        file.write(new byte[SLOT]);
        return slot;
    }

    /** One byte of a live child's slot. */
    synchronized int peek(int slot, int offset) {
        try {
            file.seek((long) slot * SLOT + offset);
            return file.read();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads and frees a slot once its child has been reaped: {exiting, signal}. */
    synchronized byte[] release(int slot) {
        byte[] status = new byte[2];
        try {
            file.seek((long) slot * SLOT);
            file.readFully(status);
        } catch (IOException e) {
            // unreadable: treated as "nothing reported"
        }
        used.clear(slot);
        return status;
    }

    private static StatusBoard create() {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) return null;
        Path dir = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
            ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        Path path = dir.resolve("mp4j-status-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random));
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                var file = new RandomAccessFile(path.toFile(), "rw");
                return new StatusBoard(file, "/proc/" + ProcessHandle.current().pid() + "/fd/" + descriptorOf(path));
            } finally {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String descriptorOf(Path path) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(path)) return fd.getFileName().toString();
                } catch (IOException ignored) {
                    // closed while we looked
                }
            }
        }
        throw new IOException("no descriptor for " + path);
    }

    /** Child side: records one byte of this child's slot; silent if the parent is already gone. */
    static void write(String path, int slot, int offset, int value) {
        try (var file = new RandomAccessFile(path, "rw")) {
            file.seek((long) slot * SLOT + offset);
            file.write(value);
        } catch (IOException | RuntimeException ignored) {
            // nobody left to tell
        }
    }
}
