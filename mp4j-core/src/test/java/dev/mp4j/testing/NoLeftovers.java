package dev.mp4j.testing;

import dev.mp4j.Process;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a messaging test class must leave behind: no child processes and no files of this JVM's in /dev/shm or
 * the temp directory. Unlike {@link Leftovers} it looks only at this JVM's own files (named with its pid), since
 * other test JVMs may share the machine.
 */
public final class NoLeftovers {
    private NoLeftovers() {}

    public static void check() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (ProcessHandle.current().children().findAny().isPresent() || !ownFiles().isEmpty())) {
            Leftovers.sleep(20);
        }
        assertEquals(List.of(), Process.activeChildren(), "active children");
        assertEquals(List.of(), ProcessHandle.current().children().map(ProcessHandle::pid).toList(), "child processes");
        assertEquals(List.of(), ownFiles(), "files of this JVM in the temp directory or /dev/shm");
    }

    private static List<String> ownFiles() {
        String pid = Long.toString(ProcessHandle.current().pid());
        return java.util.stream.Stream.of(new File(System.getProperty("java.io.tmpdir")), new File("/dev/shm"))
            .map(File::list).filter(java.util.Objects::nonNull).flatMap(Arrays::stream)
            .filter(n -> n.startsWith("mp4j") && n.contains(pid)).toList();
    }
}
