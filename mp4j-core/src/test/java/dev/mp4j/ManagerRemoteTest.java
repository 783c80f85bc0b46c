package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Pids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's _TestRemoteManager, _TestManagerRestart and manager-death behaviour. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerRemoteTest {
    private static final byte[] KEY = "remote-key".getBytes();

    @AfterAll
    static void nothingLeft() { Leftovers.assertNone(); }

    private static void runChild(SerializableRunnable body) {
        var p = new Process(body);
        p.start();
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void remoteManagerBetweenProcessesRightAndWrongKey() {
        try (Manager server = Manager.builder().address(new InetSocketAddress("127.0.0.1", 0)).authkey(KEY).start()) {
            Map<String, Object> shared = server.dict();
            server.share("results", shared);
            SocketAddress address = server.address();
            runChild(() -> {
                try (Manager client = Manager.connect(address, "remote-key".getBytes())) {
                    Map<String, Object> results = client.lookup("results");
                    results.put("hello", List.of(1, "two", 3.0));
                    Namespace ns = client.namespace();
                    ns.set("from", "child");
                    results.put("ns", ns);
                }
                try {
                    Manager.connect(address, "wrong".getBytes());
                    throw new AssertionError("a wrong key was accepted");
                } catch (AuthenticationException expected) {
                    // as it should
                }
            });
            assertEquals(List.of(1, "two", 3.0), shared.get("hello"));
            assertArrayEquals(KEY, server.authkey());
            Namespace ns = (Namespace) shared.get("ns");
            assertEquals("child", ns.<String>get("from"), "a namespace the child made and stored outlives its session");
            assertThrows(AuthenticationException.class, () -> Manager.connect(address, "wrong".getBytes()));
            assertThrows(AuthenticationException.class, () -> Manager.connect(address, null));
            shared.put("still", "fine"); // a failed client changes nothing for the others
            assertEquals("fine", shared.get("still"));
        }
    }

    @Test
    void rapidRestartOnTheSameAddress() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) { port = probe.getLocalPort(); }
        var address = new InetSocketAddress("127.0.0.1", port);
        for (int round = 0; round < 3; round++) {
            Manager m = Manager.builder().address(address).authkey(KEY).start();
            Map<String, Integer> d = m.dict();
            d.put("round", round);
            m.share("d", d);
            // a client still connected at shutdown must not keep the address from being bound again at once
            Manager c = Manager.connect(address, KEY);
            assertEquals(Map.of("round", round), c.lookup("d"));
            assertThrows(java.io.UncheckedIOException.class, () -> Manager.builder().address(address).authkey(KEY).start(),
                "the address is in use while the first manager serves");
            m.shutdown();
            assertThrows(Mp4jException.class, () -> c.lookup("d"));
            c.close();
        }
        assertThrows(java.io.UncheckedIOException.class, () -> Manager.connect(address, KEY), "nothing listening");
    }

    @Test
    void managerKilledWhileClientCallsIsAnExceptionNotAHang() throws Exception {
        try (Manager m = Manager.builder().register("sleeper", Sleeper.class, SleeperImpl::new).start()) {
            Sleeper s = m.create("sleeper");
            Map<String, Integer> d = m.dict();
            d.put("a", 1);
            CompletableFuture<Throwable> blocked = dev.mp4j.testing.Async.supply(() -> {
                try {
                    s.sleep(60_000);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(300); // the call is waiting on the server
            long pid = serverPid();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            Throwable t = blocked.get(10, TimeUnit.SECONDS);
            assertInstanceOf(Mp4jException.class, t);
            Mp4jException later = assertThrows(Mp4jException.class, () -> d.get("a"));
            assertTrue(later.getMessage().contains("manager"), later.getMessage());
            for (long deadline = System.nanoTime() + 5_000_000_000L; Pids.running(pid) && System.nanoTime() < deadline; ) Thread.sleep(20);
            assertFalse(Pids.running(pid));
        }
    }

    interface Sleeper { void sleep(long millis) throws InterruptedException; }

    static class SleeperImpl implements Sleeper {
        public void sleep(long millis) throws InterruptedException { Thread.sleep(millis); }
    }

    private static long serverPid() {
        return Process.activeChildren().stream().filter(p -> p.name().startsWith("Manager-")).findFirst()
            .orElseThrow().pid();
    }

    @Test
    void objectsAreReleasedWhenTheirLastSessionCloses() throws InterruptedException {
        try (Manager m = Manager.builder().address(new InetSocketAddress("127.0.0.1", 0)).authkey(KEY).start()) {
            Map<String, Integer> kept;
            Map<String, Integer> dropped;
            try (Manager c = Manager.connect(m.address(), KEY)) {
                kept = c.dict();
                kept.put("k", 1);
                c.share("kept", kept);
                dropped = c.dict();
                dropped.put("d", 1);
            }
            Map<String, Integer> again = m.lookup("kept");
            assertEquals(Map.of("k", 1), again);
            // 'dropped' was held only by the closed client's session; the server notices the close at once
            Thread.sleep(1000);
            Mp4jException gone = assertThrows(Mp4jException.class, () -> dropped.get("d"));
            assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
        }
    }
}
