package dev.mp4j.testing;

import dev.mp4j.Process;
import dev.mp4j.internal.runtime.Standby;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a test class must leave behind: no child processes, no mp4j files in /tmp or /dev/shm. */
public final class Leftovers {
    private Leftovers() {}

    public static void assertNone() {
        Standby.clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (ProcessHandle.current().children().findAny().isPresent()
                || !mp4jFiles().isEmpty())) {
            sleep(20);
        }
        assertEquals(List.of(), Process.activeChildren(), "active children");
        assertEquals(List.of(), ProcessHandle.current().children().map(ProcessHandle::pid).toList(), "child processes");
        assertEquals(List.of(), mp4jFiles(), "mp4j files in the temp directory or /dev/shm");
    }

    public static List<String> mp4jFiles() {
        return java.util.stream.Stream.of(new File(System.getProperty("java.io.tmpdir")), new File("/dev/shm"))
            .map(File::list).filter(java.util.Objects::nonNull).flatMap(Arrays::stream)
            .filter(n -> n.startsWith("mp4j")).toList();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
