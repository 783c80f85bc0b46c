package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

/** Python's test_multiprocessing process tests, across real child JVMs. */
@Timeout(60)
class ProcessTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static Process started(SerializableRunnable target) {
        var p = new Process(target);
        p.start();
        return p;
    }

    @Test
    void exitCodes() {
        var ok = started(() -> { });
        var raised = started(() -> { throw new IllegalStateException("boom"); });
        var exited = started(() -> System.exit(8));
        var halted = started(() -> Runtime.getRuntime().halt(3));
        var chose137 = started(() -> System.exit(137));
        var terminated = started(() -> Thread.sleep(60_000));
        var killed = started(() -> Thread.sleep(60_000));
        Leftovers.sleep(300);
        terminated.terminate();
        killed.kill();
        for (var p : List.of(ok, raised, exited, halted, chose137, terminated, killed)) assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(0, ok.exitCode());
        assertEquals(1, raised.exitCode());
        assertEquals(8, exited.exitCode());
        assertEquals(3, halted.exitCode());
        assertEquals(137, chose137.exitCode(), "System.exit(137) is not a kill");
        assertEquals(-15, terminated.exitCode());
        assertEquals(-9, killed.exitCode());
    }

    @Test
    void terminatedWhileItsJvmBootsIsStillASignal() {
        // the JDK's own SIGTERM handler takes signals that come before mp4j's is installed: still -15, never 143
        for (int delayMs : new int[] {0, 5, 20, 40, 60, 80, 120, 160}) {
            var p = started(() -> Thread.sleep(60_000));
            Leftovers.sleep(delayMs);
            p.terminate();
            assertTrue(p.join(Duration.ofSeconds(30)));
            assertEquals(-15, p.exitCode(), "terminated " + delayMs + " ms after start");
        }
    }

    @Test
    void outsideKillIsReportedAsSignal() throws Exception {
        var p = started(() -> Thread.sleep(60_000));
        Leftovers.sleep(300);
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        p.join();
        assertEquals(-9, p.exitCode());
        terminateAndKillOfEndedProcessDoNothing(p);
    }

    private static void terminateAndKillOfEndedProcessDoNothing(Process p) {
        p.terminate();
        p.kill();
        assertEquals(-9, p.exitCode());
    }

    @Test
    void joinWithTimeout() {
        var p = started(() -> Thread.sleep(2_000));
        long t0 = System.nanoTime();
        assertFalse(p.join(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);
        assertFalse(p.join(Duration.ZERO), "zero timeout returns at once");
        assertFalse(p.join(Duration.ofMillis(-5)), "negative timeout returns at once");
        assertTrue(p.isAlive());
        assertNull(p.exitCode());
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertFalse(p.isAlive());
        assertEquals(0, p.exitCode());
        assertTrue(p.join(Duration.ZERO));
    }

    @Test
    void activeChildrenBeforeDuringAfter() {
        var p = new Process(() -> Thread.sleep(1_000));
        assertFalse(Process.activeChildren().contains(p));
        p.start();
        assertTrue(Process.activeChildren().contains(p));
        p.join();
        assertFalse(Process.activeChildren().contains(p));
    }

    @Test
    void fanOutOfTwenty() {
        var ps = new ArrayList<Process>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            ps.add(started(() -> System.exit(n)));
        }
        for (int i = 0; i < 20; i++) {
            ps.get(i).join();
            assertEquals(i, ps.get(i).exitCode());
        }
        assertEquals(20, ps.stream().mapToLong(Process::pid).distinct().count());
    }

    @Test
    void grandchildrenUseTheSameApi() {
        var p = started(() -> {
            var inner = new Process(() -> {
                if (!Process.current().name().matches("Process-\\d+:1")) System.exit(5);
                if (!Process.parent().orElseThrow().name().matches("Process-\\d+")) System.exit(6);
                System.exit(7);
            });
            inner.start();
            inner.join();
            System.exit(inner.exitCode() == 7 ? 0 : 10 + inner.exitCode());
        });
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void defaultNamesCountPerCreatingProcess() {
        var a = new Process(() -> { });
        var b = new Process(() -> { });
        int na = Integer.parseInt(a.name().substring("Process-".length()));
        assertEquals("Process-" + (na + 1), b.name());
        assertEquals("x", new Process("x", () -> { }).name());
        a.setName("renamed");
        assertEquals("renamed", a.name());
    }

    @Test
    void currentAndParentInTheMainJvm() {
        assertSame(Process.current(), Process.current());
        assertEquals("MainProcess", Process.current().name());
        assertEquals(ProcessHandle.current().pid(), Process.current().pid());
        assertTrue(Process.current().isAlive());
        assertTrue(Process.parent().isEmpty());
        assertThrows(IllegalStateException.class, () -> Process.current().join());
        assertThrows(IllegalStateException.class, () -> Process.current().start());
    }

    @Test
    void childSeesItselfAndItsParent() {
        long me = ProcessHandle.current().pid();
        var p = new Process("named", () -> {
            var self = Process.current();
            var parent = Process.parent().orElseThrow();
            boolean ok = self.name().equals("named") && self.pid() == ProcessHandle.current().pid()
                && self == Process.current() && parent.pid() == me && parent.name().equals("MainProcess")
                && parent.isAlive();
            System.exit(ok ? 0 : 3);
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
    }

    static final class Worker extends Process {
        private final int[] values;
        private final String label;

        Worker(String label, int... values) {
            this.label = label;
            this.values = values;
        }

        @Override
        public void run() {
            if (Process.current() != this) System.exit(2);
            int sum = 0;
            for (int v : values) sum += v;
            System.exit(label.equals("sum") ? sum : 99);
        }
    }

    @Test
    void subclassFieldsTravel() {
        var w = new Worker("sum", 1, 2, 3, 4);
        w.start();
        w.join();
        assertEquals(10, w.exitCode());
        assertTrue(w.toString().startsWith("Worker(name=Process-"), w.toString());
    }

    static final class Holder implements Serializable {
        final Object inner;

        Holder(Object inner) { this.inner = inner; }
    }

    static final class Carrier extends Process {
        final Holder holder = new Holder(new Socket());
    }

    @Test
    void nonSerializableTargetFailsStartInTheCaller() {
        var socket = new Socket();
        var p = new Process(() -> System.out.println(socket));
        var e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("java.net.Socket"), e.getMessage());
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        assertThrows(IllegalStateException.class, p::pid, "nothing was launched");
        assertFalse(Process.activeChildren().contains(p));

        var c = new Carrier();
        var e2 = assertThrows(IllegalArgumentException.class, c::start);
        assertTrue(e2.getMessage().contains("Carrier.holder.inner"), e2.getMessage());
    }

    @Test
    void illegalStates() {
        var p = new Process(() -> Thread.sleep(500));
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, () -> p.join(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalStateException.class, p::terminate);
        assertFalse(p.isAlive());
        assertNull(p.exitCode());
        p.start();
        assertThrows(IllegalStateException.class, p::start);
        assertThrows(IllegalStateException.class, () -> p.setDaemon(true));
        assertThrows(IllegalStateException.class, p::close);
        p.join();
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, p::isAlive);
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::exitCode);
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::kill);
        assertThrows(IllegalStateException.class, p::start);
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalStateException.class, p::onExit);
    }

    @Test
    void builderAndDaemonFlag() {
        var p = Process.builder().name("b").daemon(true).target(() -> System.exit(4)).build();
        assertEquals("b", p.name());
        assertTrue(p.isDaemon());
        p.setDaemon(false);
        assertFalse(p.isDaemon());
        p.start();
        p.join();
        assertEquals(4, p.exitCode());
        var empty = Process.builder().build();
        empty.start();
        empty.join();
        assertEquals(0, empty.exitCode());
        assertThrows(NullPointerException.class, () -> new Process(null));
    }

    @Test
    void daemonChildrenLiveOnWhileMainRuns() {
        var daemon = Process.builder().daemon(true).target(() -> Thread.sleep(60_000)).build();
        daemon.start();
        var worker = started(() -> Thread.sleep(300));
        worker.join();
        Leftovers.sleep(300);
        assertTrue(daemon.isAlive(), "a daemon child is ended when main returns, not before");
        daemon.kill();
        daemon.join();
    }

    @Test
    void onExitCompletesWithTheProcess() throws Exception {
        var p = started(() -> Thread.sleep(200));
        var f = p.onExit();
        assertFalse(f.isDone());
        assertSame(p, f.get());
        assertEquals(0, p.exitCode());
    }

    @Test
    void interruptWhileJoiningThrowsCancellation() {
        var p = started(() -> Thread.sleep(3_000));
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, p::join);
        assertTrue(Thread.interrupted(), "interrupt flag set again");
        p.kill();
        p.join();
    }

    @Test
    void cpuCount() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Mp.cpuCount());
    }
}
