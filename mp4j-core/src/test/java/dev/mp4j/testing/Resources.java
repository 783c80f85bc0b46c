package dev.mp4j.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * What this JVM holds, for leak checks: this JVM's mp4j files in /dev/shm (named with its pid; other programs'
 * files are not ours to count), shared-memory mappings (the unlinked files still mapped: what a leaked segment really
 * costs), open file descriptors, live threads and child processes.
 */
public record Resources(int shmFiles, int shmMappings, int fds, int threads, long children) {

    public static Resources now() {
        String pid = Long.toString(ProcessHandle.current().pid());
        String[] shm = new File("/dev/shm").list();
        int own = shm == null ? 0 : (int) Arrays.stream(shm).filter(n -> n.startsWith("mp4j") && n.contains(pid)).count();
        return new Resources(own, readShmMappings(), count("/proc/self/fd"), readThreads(),
            ProcessHandle.current().children().count());
    }

    /** Mapped files from /dev/shm (deleted or not), each mapping once per file. */
    private static int readShmMappings() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("/dev/shm/"))
                .map(l -> l.substring(l.indexOf("/dev/shm/")))
                .distinct().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readThreads() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Threads:"))
                .mapToInt(l -> Integer.parseInt(l.substring(8).trim())).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String dir) {
        String[] names = new File(dir).list();
        return names == null ? 0 : names.length;
    }

    /** Whether nothing grew past {@code before}, allowing {@code slack} in the thread count (JIT/GC helpers come and go). */
    public boolean within(Resources before, int slack) {
        return shmFiles <= before.shmFiles && shmMappings <= before.shmMappings && fds <= before.fds
            && threads <= before.threads + slack && children <= before.children;
    }

    /**
     * Collects garbage and waits (up to {@code patience}) until nothing grew past {@code before}; returns the last
     * reading, which the caller asserts on.
     */
    public static Resources settle(Resources before, int threadSlack, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Resources now;
        do {
            System.gc();
            Leftovers.sleep(50);
            now = now();
        } while (!now.within(before, threadSlack) && System.nanoTime() < deadline);
        return now;
    }

    @Override
    public String toString() {
        return "shm files " + shmFiles + ", shm mappings " + shmMappings + ", fds " + fds + ", threads " + threads
            + ", children " + children;
    }
}
