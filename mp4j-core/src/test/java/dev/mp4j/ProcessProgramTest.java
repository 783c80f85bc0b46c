package dev.mp4j;

import dev.mp4j.programs.ExitWithChildren;
import dev.mp4j.programs.MainReturns;
import dev.mp4j.programs.Orphans;
import dev.mp4j.programs.Printing;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Pids;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Whole programs run as a user runs them, {@code java -cp ... Main}, with their output read. */
@Timeout(90)
class ProcessProgramTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void terminateDuringStartUpIsMinus15AndQuiet() {
        var r = Programs.run(dev.mp4j.programs.TerminateAtOnce.class);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(java.util.Collections.nCopies(12, "-15"), r.lines(), r.out());
        assertEquals("", r.err(), "nothing on stderr, not even the JDK's own SIGTERM handling during boot");
    }

    @Test
    void mainReturnJoinsNonDaemonChildrenAndTerminatesDaemons() {
        long t0 = System.nanoTime();
        var r = Programs.run(MainReturns.class);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("main done\n"), r.out());
        assertTrue(r.out().contains("child done\n"), r.out());
        assertTrue(r.out().indexOf("main done") < r.out().indexOf("child done"), r.out());
        assertFalse(r.out().contains("daemon done"), r.out());
        assertTrue(System.nanoTime() - t0 < 25_000_000_000L, "did not wait for the daemon child");
        long daemonPid = Long.parseLong(r.lines().stream().filter(l -> l.startsWith("daemon pid "))
            .findFirst().orElseThrow().substring("daemon pid ".length()));
        assertFalse(Pids.running(daemonPid));
        assertEquals("", r.err(), "no warnings or noise on stderr");
    }

    @Test
    void childrenPrintToTheParentsStreams() {
        var r = Programs.run(Printing.class);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("hello from Process-1\n"), r.out());
        assertTrue(r.out().contains("exit codes 0 1\n"), r.out());
        assertTrue(r.err().contains("Process failing:"), r.err());
        assertTrue(r.err().contains("java.lang.IllegalArgumentException: bad thing"), r.err());
        assertTrue(r.err().contains("at dev.mp4j.programs.Printing.lambda$main"), r.err());
    }

    @Test
    void parentKilledWithKill9TakesItsChildrenAndGrandchildrenWithinOneSecond() throws Exception {
        var parent = Programs.start(List.of(), Orphans.class);
        var pids = new ArrayList<Long>();
        try (var out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            while (pids.size() < 4) {
                String line = out.readLine();
                assertNotNull(line, "program ended early");
                if (line.startsWith("pid ")) pids.add(Long.parseLong(line.substring(4)));
            }
            new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
            long killed = System.nanoTime();
            parent.waitFor();
            List<Long> alive = Pids.awaitGone(pids);
            long tookMillis = (System.nanoTime() - killed) / 1_000_000;
            assertEquals(List.of(), alive, "orphans left running");
            assertTrue(tookMillis <= 1_000, "children took " + tookMillis + " ms to go");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void systemExitInTheParentEndsItsChildren() throws Exception {
        var r = Programs.run(ExitWithChildren.class);
        assertEquals(3, r.exitCode(), r.err());
        long pid = Long.parseLong(r.lines().getFirst().substring(4));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (Pids.running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(Pids.running(pid));
    }
}
