package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Which mp4j files {@link Leftovers} holds to be this run's (and so checks) and which another program's. */
@Timeout(30)
class LeftoversTest {
    static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void aFileNamedForALiveProcessOfAnotherProgramIsNotOurs() {
        // pid 1 is alive and is no descendant of this JVM
        assertTrue(Leftovers.foreign("mp4j-seg-1-00ff"));
        assertFalse(Leftovers.foreign("mp4j-seg-" + ProcessHandle.current().pid() + "-00ff"), "this JVM's");
    }

    @Test
    void aFileOfAChildOrOfADeadProcessIsOurs() throws Exception {
        var child = new ProcessBuilder("sleep", "30").start();
        try {
            assertFalse(Leftovers.foreign("mp4j-tmp-" + child.pid() + "-00ff"), "a child's");
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertFalse(Leftovers.foreign("mp4j-tmp-" + child.pid() + "-00ff"), "a dead process's: a leak of ours, maybe");
    }

    @Test
    void aNewFileWithoutAPidThatNobodyHoldsIsOurs() throws Exception {
        Path f = TMP.resolve("mp4j-leftovers-test-" + Long.toHexString(System.nanoTime()));
        Files.createFile(f);
        try {
            assertTrue(Leftovers.mp4jFiles().contains(f.getFileName().toString()));
        } finally {
            Files.delete(f);
        }
        assertFalse(Leftovers.mp4jFiles().contains(f.getFileName().toString()));
    }
}
