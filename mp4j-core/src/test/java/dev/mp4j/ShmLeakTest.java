package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import java.io.File;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 200 processes create and use every kind of segment (anonymous ones behind locks, values, arrays; named
 * SharedMemory and ShareableList; the parent's block), a quarter of them killed with kill -9 mid-use: /dev/shm
 * must end up as it was (every file this run made gone).
 */
@Timeout(300)
class ShmLeakTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static TreeSet<String> shmFiles() {
        String[] names = new File("/dev/shm").list();
        return new TreeSet<>(names == null ? List.of() : Arrays.asList(names));
    }

    @Test
    void twoHundredProcessesLeaveNothing() {
        TreeSet<String> before = shmFiles();
        SharedMemory parentBlock = SharedMemory.create(4096);
        Lock lock = new Lock();
        Semaphore inUse = new Semaphore(0);
        Value.OfLong work = Value.ofLong(0);
        int total = 200, batch = 20;
        int killed = 0;
        for (int start = 0; start < total; start += batch) {
            List<Process> ps = new ArrayList<>();
            List<Process> victims = new ArrayList<>();
            for (int i = start; i < start + batch; i++) {
                boolean victim = i % 4 == 0;
                Process p = new Process(() -> {
                    Lock mine = new Lock();
                    Value.OfInt v = Value.ofInt(1);
                    SharedArray.OfLong arr = SharedArray.ofLongs(64);
                    SharedMemory shm = SharedMemory.create(8192);
                    ShareableList list = ShareableList.create(List.of(1, "two", 3.0));
                    try (Lock.Held h = lock.hold()) {
                        parentBlock.segment().set(ValueLayout.JAVA_LONG, 0,
                            parentBlock.segment().get(ValueLayout.JAVA_LONG, 0) + 1);
                    }
                    mine.acquire();
                    arr.set(3, v.incrementAndGet());
                    shm.segment().set(ValueLayout.JAVA_INT, 100, 7);
                    list.set(0, 11);
                    work.incrementAndGet();
                    if (victim) {
                        inUse.release();
                        Thread.sleep(60_000); // killed here, holding everything (and its own lock)
                    }
                    if (list.size() != 3) throw new AssertionError();
                    list.close(); // Python's idiom for the named ones; the anonymous ones need nothing
                    list.unlink();
                    shm.close();
                    shm.unlink();
                });
                p.start();
                ps.add(p);
                if (victim) victims.add(p);
            }
            for (Process v : victims) {
                assertTrue(inUse.acquire(Duration.ofSeconds(60)), "victim got going");
            }
            for (Process v : victims) {
                v.kill();
                killed++;
            }
            for (Process p : ps) {
                assertTrue(p.join(Duration.ofSeconds(60)));
                assertEquals(victims.contains(p) ? -9 : 0, p.exitCode());
            }
        }
        assertEquals(50, killed);
        assertEquals(total, work.get());
        assertEquals(total, parentBlock.segment().get(ValueLayout.JAVA_LONG, 0));
        parentBlock.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!added(before).isEmpty() && System.nanoTime() < deadline) Leftovers.sleep(50);
        assertEquals(List.of(), added(before), "/dev/shm as it was: files this run added and left");
    }

    /**
     * Files in /dev/shm now that were not there at {@code before}, less those a live process of another program
     * (another test run on the machine, say) owns. Files of others that went meanwhile are theirs to remove.
     */
    private static List<String> added(TreeSet<String> before) {
        return shmFiles().stream().filter(n -> !before.contains(n) && !Leftovers.foreign(n)).toList();
    }
}
