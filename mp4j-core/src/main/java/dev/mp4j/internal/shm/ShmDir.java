package dev.mp4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * Where segment files live (/dev/shm, or the temp directory where there is none) and how they are opened; also
 * mp4j's one source of unguessable ids and tokens ({@link #randomLong}).
 */
public final class ShmDir {
    private ShmDir() {}

    static final Path DIR = pick();
    static final boolean PROC = Files.isDirectory(Path.of("/proc/self/fd"));
    /** Made when a name is first needed: seeding costs a cold JVM ~100 ms, and a child that only attaches needs none. */
    private static final class Entropy { static final SecureRandom RANDOM = new SecureRandom(); }

    private static Path pick() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) return shm;
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        Entropy.RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An unguessable long; the generator is seeded at the first call (a child that only attaches never pays it). */
    public static long randomLong() {
        return Entropy.RANDOM.nextLong();
    }

    /** Creates {@code path} (failing if it exists), readable and writable by this user only, sized {@code size}. */
    static FileChannel createNew(Path path, long size) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // no POSIX permissions (not Linux): the directory's defaults
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        try {
            // Writing the last byte, unlike truncate(), really extends the file on every file system.
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), size - 1);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }
}
