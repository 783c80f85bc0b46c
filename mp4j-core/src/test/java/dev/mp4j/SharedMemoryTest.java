package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_shared_memory_basics / _across_processes / _cleaned_no_unlink / ShareableList tests, plus tracking. */
@Timeout(60)
class SharedMemoryTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static boolean exists(String name) {
        return Files.exists(Path.of("/dev/shm", name));
    }

    private static void eventually(java.util.function.BooleanSupplier cond, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) Leftovers.sleep(20);
        assertTrue(cond.getAsBoolean(), what);
    }

    @Test
    void basicsAndErrors() {
        try (SharedMemory shm = SharedMemory.create("mp4j-test-basics", 512)) {
            assertEquals("mp4j-test-basics", shm.name());
            assertEquals(512, shm.size());
            MemorySegment seg = shm.segment();
            assertTrue(seg.byteSize() >= 512);
            seg.set(ValueLayout.JAVA_INT, 0, 42);
            var dup = assertThrows(UncheckedIOException.class, () -> SharedMemory.create("mp4j-test-basics", 8));
            assertInstanceOf(FileAlreadyExistsException.class, dup.getCause());
            try (SharedMemory same = SharedMemory.attach("/mp4j-test-basics")) {
                assertEquals(512, same.size(), "created size, also when attached");
                assertEquals(42, same.segment().get(ValueLayout.JAVA_INT, 0));
            }
            shm.unlink();
            var missing = assertThrows(UncheckedIOException.class, () -> SharedMemory.attach("mp4j-test-basics"));
            assertInstanceOf(NoSuchFileException.class, missing.getCause());
            var twice = assertThrows(UncheckedIOException.class, shm::unlink);
            assertInstanceOf(NoSuchFileException.class, twice.getCause());
            assertEquals(42, shm.segment().get(ValueLayout.JAVA_INT, 0), "open handles keep working after unlink");
            shm.close();
            shm.close();
            assertThrows(IllegalStateException.class, shm::segment);
        }
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(-1));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("a/b", 8));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("", 8));
        var none = assertThrows(UncheckedIOException.class, () -> SharedMemory.attach("mp4j-test-never-made"));
        assertInstanceOf(NoSuchFileException.class, none.getCause());
    }

    @Test
    void pythonIdiomCloseThenUnlink() {
        SharedMemory shm = SharedMemory.create(64);
        String name = shm.name();
        assertTrue(name.startsWith("mp4j-"), name);
        assertTrue(exists(name));
        shm.close();
        assertFalse(exists(name), "tracked: removed once its last user closed it");
        shm.unlink(); // Python's close(); unlink() still works
        assertThrows(UncheckedIOException.class, shm::unlink);
    }

    @Test
    void acrossProcessesByNameAndByHandle() {
        try (SharedMemory shm = SharedMemory.create(1024)) {
            String name = shm.name();
            Process p = new Process(() -> {
                try (SharedMemory mine = SharedMemory.attach(name)) {
                    mine.segment().setString(0, "hello from the child");
                }
                shm.segment().set(ValueLayout.JAVA_LONG, 512, 77L); // the captured handle re-attached here
            });
            p.start();
            assertTrue(p.join(Duration.ofSeconds(20)));
            assertEquals(0, p.exitCode());
            assertEquals("hello from the child", shm.segment().getString(0));
            assertEquals(77L, shm.segment().get(ValueLayout.JAVA_LONG, 512));
            assertTrue(exists(name), "still in use by this process");
            shm.unlink();
        }
    }

    @Test
    void removedAfterItsOnlyUsersAreKilled() {
        Value.OfInt ready = Value.ofInt(0);
        String name = "mp4j-test-killed-" + ProcessHandle.current().pid();
        Process creator = new Process(() -> {
            SharedMemory shm = SharedMemory.create(name, 4096);
            shm.segment().set(ValueLayout.JAVA_INT, 0, 1);
            ready.set(1);
            Thread.sleep(60_000);
        });
        creator.start();
        eventually(() -> ready.get() == 1, "child created it");
        assertTrue(exists(name));
        SharedMemory mine = SharedMemory.attach(name);
        creator.kill();
        creator.join();
        Leftovers.sleep(600);
        assertTrue(exists(name), "never removed while a live process uses it");
        assertEquals(1, mine.segment().get(ValueLayout.JAVA_INT, 0));
        mine.close();
        assertFalse(exists(name), "removed when the last live user closed it");

        // Nobody here attached this time: the sweep finds all its users dead.
        ready.set(0);
        Process again = new Process(() -> {
            SharedMemory.create(name, 4096);
            ready.set(1);
            Thread.sleep(60_000);
        });
        again.start();
        eventually(() -> ready.get() == 1, "child created it");
        assertTrue(exists(name));
        again.kill();
        again.join();
        eventually(() -> !exists(name), "removed after kill -9 of its only user");
    }

    @Test
    void untrackedOutlivesItsUsersUntilUnlinked() {
        String name = "mp4j-test-untracked-" + ProcessHandle.current().pid();
        Process p = new Process(() -> SharedMemory.create(name, 128).track(false).segment().set(ValueLayout.JAVA_INT, 0, 5));
        p.start();
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertEquals(0, p.exitCode());
        assertTrue(exists(name), "untracked: kept after its creator ended");
        try (SharedMemory shm = SharedMemory.attach(name)) {
            assertFalse(shm.isTracked());
            assertEquals(5, shm.segment().get(ValueLayout.JAVA_INT, 0));
            shm.unlink();
        }
        assertFalse(exists(name));
    }

    @Test
    void shareableList() {
        List<Object> items = Arrays.asList(1, 2L, 3.5, true, "howdy", new byte[] {1, 2, 3}, null);
        try (ShareableList sl = ShareableList.create(items)) {
            assertEquals(7, sl.size());
            assertEquals(1, sl.get(0));
            assertEquals(2L, sl.get(1));
            assertEquals(3.5, sl.get(2));
            assertEquals(true, sl.get(3));
            assertEquals("howdy", sl.get(4));
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) sl.get(5));
            assertNull(sl.get(6));
            Process p = new Process(() -> {
                try (ShareableList other = ShareableList.attach(sl.name())) {
                    other.set(0, 100);
                    other.set(4, "hi");
                    other.set(6, 7L);
                }
                sl.set(3, false); // captured handle, attached again in the child
            });
            p.start();
            assertTrue(p.join(Duration.ofSeconds(20)));
            assertEquals(0, p.exitCode());
            assertEquals(100, sl.get(0));
            assertEquals("hi", sl.get(4));
            assertEquals(7L, sl.get(6));
            assertEquals(false, sl.get(3));
            assertThrows(IllegalArgumentException.class, () -> sl.set(4, "much too long for this slot"));
            assertThrows(IllegalArgumentException.class, () -> sl.set(0, new Object()));
            assertThrows(IndexOutOfBoundsException.class, () -> sl.get(7));
            assertThrows(IndexOutOfBoundsException.class, () -> sl.set(-1, 1));
            assertEquals("hi", sl.get(4), "unchanged and still working");
            sl.unlink();
        }
        assertThrows(IllegalArgumentException.class, () -> ShareableList.create(List.of(1, new StringBuilder("x"))));
        var missing = assertThrows(UncheckedIOException.class, () -> ShareableList.attach("mp4j-test-no-list"));
        assertInstanceOf(NoSuchFileException.class, missing.getCause());
    }
}
