package dev.mp4j.reliability;

import dev.mp4j.Manager;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.manager.ManagerServer;
import dev.mp4j.Listener;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every connection a listening end drops is logged with its reason (System.Logger, here through java.util.logging):
 * at WARNING by the manager server for a protocol violation or a failed authentication, at DEBUG (FINE) by a
 * {@link Listener} whose {@code accept()} throws the reason to its caller anyway, at DEBUG for a peer that simply
 * went away. Nothing goes to stdout, and the server serves a good client after each hostile one.
 */
@Timeout(120)
class DropLogTest {
    static final byte[] KEY = HostileInputTest.KEY;
    // strong references: java.util.logging forgets the level of a logger nobody holds
    static final Logger TRANSPORT = Logger.getLogger("dev.mp4j.transport"), MANAGER = Logger.getLogger("dev.mp4j.manager");
    static final Capture LOG = new Capture();
    PrintStream stdout;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    static final class Capture extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override public synchronized void publish(LogRecord r) { records.add(r); }
        @Override public void flush() {}
        @Override public void close() {}

        synchronized List<LogRecord> since(int mark) { return List.copyOf(records.subList(mark, records.size())); }
        synchronized int mark() { return records.size(); }
    }

    @BeforeAll
    static void capture() {
        HostileInputTest.forbidGadgets();
        for (Logger l : List.of(TRANSPORT, MANAGER)) {
            l.setLevel(Level.ALL);
            l.setUseParentHandlers(false); // the manager's warnings would go to the console (stderr) too
            l.addHandler(LOG);
        }
    }

    @AfterAll
    static void release() {
        for (Logger l : List.of(TRANSPORT, MANAGER)) {
            l.removeHandler(LOG);
            l.setUseParentHandlers(true);
            l.setLevel(null);
        }
        assertEquals(0, Gadget.RAN.get(), "a gadget was deserialized");
        Leftovers.assertNone();
    }

    @BeforeEach
    void watchStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void nothingOnStdout() {
        System.setOut(stdout);
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "printed to stdout");
    }

    record Case(String name, boolean handshake, byte[] bytes, Level level, String logger, String reason) {}

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        b[0] = (byte) 0x7f; // a first frame length far over the handshake's limit
        return b;
    }

    /** Waits until a record at {@code level} on {@code logger} with {@code reason} in it arrives after {@code mark}. */
    static LogRecord await(int mark, String logger, Level level, String reason, String name) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (LogRecord r : LOG.since(mark)) {
                if (r.getLoggerName().equals(logger) && r.getLevel().equals(level) && r.getMessage().contains(reason)
                    && r.getMessage().contains("dropped the connection from ")) return r;
            }
            if (System.nanoTime() > deadline) {
                fail(name + ": no " + level + " on " + logger + " saying '" + reason + "'; logged: "
                    + LOG.since(mark).stream().map(r -> r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage()).toList());
            }
            Leftovers.sleep(10);
        }
    }

    static void send(SocketAddress address, boolean handshake, byte[] bytes) throws IOException {
        try (var peer = new RawPeer(address)) {
            if (handshake) peer.handshake(KEY);
            try {
                peer.write(bytes);
                peer.socket.shutdownOutput();
            } catch (IOException dropped) {
                // hung up on us already
            }
            assertTrue(peer.droppedWithin(10_000), "not dropped");
        }
    }

    @Test
    void listenerLogsEveryDroppedConnectionAtDebug() throws Exception {
        var r = new Random(7);
        byte[] hello = RawPeer.frame(RawPeer.hello(true));
        String fine = "FINE";
        List<Case> cases = List.of(
            new Case("random bytes", false, randomBytes(r, 300), Level.FINE, fine, "not an mp4j peer (bad frame length in handshake)"),
            new Case("a hello cut short", false, Arrays.copyOf(hello, 7), Level.FINE, fine, "went away during the handshake"),
            new Case("a huge length prefix", false, RawPeer.concat(RawPeer.lengthPrefix(1 << 30), new byte[16]), Level.FINE, fine, "bad frame length"),
            new Case("an HTTP request", false, RawPeer.frame("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)), Level.FINE, fine, "bad greeting"),
            new Case("a wrong digest", false, RawPeer.concat(hello, RawPeer.frame(new byte[32])), Level.FINE, fine, "AuthenticationException: digest received was wrong"),
            new Case("a huge frame after the handshake", true, RawPeer.concat(RawPeer.lengthPrefix(Integer.MAX_VALUE), new byte[8]), Level.FINE, fine, "bad frame: Mp4jException: message length 2147483647 is over the limit"),
            new Case("a frame cut short after the handshake", true, RawPeer.concat(RawPeer.lengthPrefix(1000), new byte[10]), Level.FINE, fine, "truncated frame (10 of 1000 bytes)"));
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int n = 0;
            for (Case c : cases) {
                int mark = LOG.mark();
                String verdict = HostileInputTest.attack(listener, KEY, c.handshake(), c.bytes());
                assertTrue(verdict.contains("threw") && !verdict.contains("non-mp4j"), c.name() + ": " + verdict);
                LogRecord rec = await(mark, "dev.mp4j.transport", c.level(), c.reason(), c.name());
                assertTrue(rec.getMessage().contains("127.0.0.1:"), rec.getMessage());
                assertTrue(LOG.since(mark).stream().noneMatch(x -> x.getLevel().intValue() > Level.FINE.intValue()),
                    c.name() + ": a Listener's drops are DEBUG only");
                HostileInputTest.goodClientServed(listener, KEY, n++);
            }
            System.err.println("DropLogTest: a Listener logged a reason at DEBUG for " + n + " dropped connections and served a good client after each");
        }
    }

    @Test
    void managerServerLogsViolationsAtWarningAndDisconnectsAtDebug() throws Exception {
        var r = new Random(8);
        byte[] hello = RawPeer.frame(RawPeer.hello(true));
        String mgr = "dev.mp4j.manager";
        List<Case> cases = List.of(
            new Case("random bytes", false, randomBytes(r, 300), Level.WARNING, mgr, "bad handshake: Mp4jException: not an mp4j peer"),
            new Case("a huge length prefix", false, RawPeer.concat(RawPeer.lengthPrefix(-1), new byte[16]), Level.WARNING, mgr, "bad frame length in handshake"),
            new Case("a bad greeting", false, RawPeer.frame("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)), Level.WARNING, mgr, "bad greeting"),
            new Case("a wrong digest", false, RawPeer.concat(hello, RawPeer.frame(new byte[32])), Level.WARNING, mgr, "authentication failed: AuthenticationException: digest received was wrong"),
            new Case("no key", false, RawPeer.frame(RawPeer.hello(false)), Level.WARNING, mgr, "authentication failed"),
            new Case("a hello cut short", false, Arrays.copyOf(hello, 5), Level.FINE, mgr, "it went away during the handshake"),
            new Case("nothing at all", false, new byte[0], Level.FINE, mgr, "it went away during the handshake"),
            new Case("random frame after the handshake", true, RawPeer.frame(randomBytes(r, 200)), Level.WARNING, mgr, "its first message was not a valid hello"),
            new Case("a huge frame after the handshake", true, RawPeer.concat(RawPeer.lengthPrefix(Integer.MAX_VALUE), new byte[8]), Level.WARNING, mgr, "bad message stream: Mp4jException: message length 2147483647 is over the limit"),
            new Case("a forbidden class after the handshake", true, RawPeer.frame(HostileInputTest.gadgetMessage(null)), Level.WARNING, mgr, "REJECTED"),
            new Case("a valid call that is not hello", true, RawPeer.frame(Codec.encode(List.of(0L, "create", "dict"))), Level.WARNING, mgr, "its first call was create on object 0, not hello"),
            new Case("a frame cut short after the handshake", true, RawPeer.concat(RawPeer.lengthPrefix(1000), new byte[10]), Level.FINE, mgr, "it went away before its hello"),
            new Case("a good handshake, then nothing", true, new byte[0], Level.FINE, mgr, "it went away before its hello"));
        var server = ManagerServer.start(new InetSocketAddress("127.0.0.1", 0), KEY, Map.of());
        int n = 0;
        try {
            for (Case c : cases) {
                int mark = LOG.mark();
                send(server.address(), c.handshake(), c.bytes());
                LogRecord rec = await(mark, mgr, c.level(), c.reason(), c.name());
                assertTrue(rec.getMessage().contains("127.0.0.1:"), rec.getMessage());
                try (Manager client = Manager.connect(server.address(), KEY)) {
                    Map<String, Integer> d = client.dict();
                    d.put("n", ++n);
                    assertEquals(n, d.get("n"), c.name() + ": a good client is served next");
                }
            }
            // a good client that closes its manager is not a dropped connection: nothing above DEBUG
            int mark = LOG.mark();
            try (Manager client = Manager.connect(server.address(), KEY)) {
                client.list(List.of(1));
            }
            Leftovers.sleep(200);
            assertTrue(LOG.since(mark).stream().noneMatch(x -> x.getLevel().intValue() > Level.FINE.intValue()),
                "a good client's goodbye was logged: " + LOG.since(mark).stream().map(LogRecord::getMessage).toList());
        } finally {
            server.stop();
        }
        System.err.println("DropLogTest: the manager server logged a reason for " + n + " dropped connections ("
            + cases.stream().filter(c -> c.level() == Level.WARNING).count() + " at WARNING) and served a good client after each");
    }
}
