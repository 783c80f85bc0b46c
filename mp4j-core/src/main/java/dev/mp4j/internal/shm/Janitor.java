package dev.mp4j.internal.shm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes tracked {@link SharedFile}s nobody alive uses. Runs (1) when this JVM exits normally: it closes the
 * handles still open here, which removes files whose last user this was, then sweeps; (2) on every create and
 * attach, at most every {@value #MIN_INTERVAL_MS} ms; (3) every {@value #PERIOD_MS} ms on a daemon thread, once this JVM has used a
 * named file; (4) whenever {@link #sweep()} is called, e.g. by the
 * process runtime after a child ended. A sweep looks at the files in the shm directory that carry our magic,
 * and removes those that are tracked and whose registered users have all died (kill -9 included).
 *
 * <p>Anonymous {@link Segment}s need none of this: they are unlinked at birth and freed by the kernel.
 */
public final class Janitor {
    private Janitor() {}

    private static final long MIN_INTERVAL_MS = 200;
    private static final long PERIOD_MS = 500;
    private static final Set<SharedFile> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile long lastSweep;
    private static volatile boolean hooked;

    static void opened(SharedFile f) {
        OPEN.add(f);
        if (!hooked) hook();
        long now = System.currentTimeMillis();
        if (now - lastSweep > MIN_INTERVAL_MS) sweep();
    }

    static void closed(SharedFile f) {
        OPEN.remove(f);
    }

    private static synchronized void hook() {
        if (hooked) return;
        hooked = true;
        // A slow background sweep too: users of a file may all be killed while this process lives on.
        Thread.ofPlatform().daemon().name("mp4j-shm-sweeper").start(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.currentTimeMillis() - lastSweep >= PERIOD_MS) sweep();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (SharedFile f : OPEN.toArray(new SharedFile[0])) {
                try {
                    f.close();
                } catch (RuntimeException ignored) {
                    // best effort at exit
                }
            }
            sweep();
        }, "mp4j-shm-janitor"));
    }

    /** Removes every tracked mp4j shared-memory file in the shm directory whose users have all ended. */
    public static void sweep() {
        lastSweep = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ShmDir.DIR)) {
            for (Path p : files) {
                try {
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) < SharedFile.HEADER) continue;
                    sweepOne(p);
                } catch (IOException | RuntimeException ignored) {
                    // not ours, not readable, or gone meanwhile
                }
            }
        } catch (IOException ignored) {
            // an unreadable directory: nothing to sweep
        }
    }

    private static void sweepOne(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer magic = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            if (ch.read(magic, 0) != 8 || magic.getLong(0) != SharedFile.MAGIC) return;
            Object inode = SharedFile.inodeOf(p);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment header = ch.map(FileChannel.MapMode.READ_WRITE, 0, SharedFile.HEADER, arena);
                SharedFile.lock(header);
                try {
                    SharedFile.removeIfUnused(header, p, inode);
                } finally {
                    SharedFile.unlock(header);
                }
            }
        }
    }
}
