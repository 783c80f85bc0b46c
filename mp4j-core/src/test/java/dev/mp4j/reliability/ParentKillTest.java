package dev.mp4j.reliability;

import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Pids;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The parent killed with kill -9 takes its whole family with it within a second: pool workers, manager server, grandchildren. */
@Timeout(90)
class ParentKillTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void parentKill9TakesPoolWorkersManagerServerChildrenAndGrandchildren() throws Exception {
        var parent = Programs.start(List.of(), FamilyProgram.class);
        Set<Long> pids = new TreeSet<>();
        try (var out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            for (String line; !"ready".equals(line = out.readLine()); ) {
                assertNotNull(line, "program ended early");
                if (line.startsWith("pid ")) pids.add(Long.parseLong(line.substring(4)));
            }
            // 2 workers, the server, a child, a grandchild, a WARM child, the standby: at least 7
            assertTrue(pids.size() >= 7, "family: " + pids);
            pids.forEach(pid -> assertTrue(Pids.running(pid), pid + " not running before the kill"));
            Kill.nine(parent.pid());
            long killed = System.nanoTime();
            parent.waitFor();
            List<Long> alive = Pids.awaitGone(pids);
            long tookMillis = (System.nanoTime() - killed) / 1_000_000;
            assertEquals(List.of(), alive, "orphans left running");
            assertTrue(tookMillis <= 1_000, "the family took " + tookMillis + " ms to go");
            System.err.printf("ParentKillTest: %d descendants gone %d ms after the parent's kill -9%n", pids.size(), tookMillis);
        } finally {
            parent.destroyForcibly();
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
