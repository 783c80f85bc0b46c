package dev.mp4j.reliability;

import dev.mp4j.Client;
import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.Listener;
import dev.mp4j.Manager;
import dev.mp4j.Mp4jException;
import dev.mp4j.StartMethod;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.testing.Async;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile input on every listening port, a {@link Listener} (TCP with and without a key, Unix socket) and a remote
 * {@link Manager}: random bytes, truncated frames, huge length prefixes, bad greetings and digests, a good
 * handshake followed by garbage, a gadget class before authentication and (forbidden by the process's serial
 * filter) after it. Each connection is dropped ({@code accept()} or {@code recv()} throws an {@link Mp4jException},
 * the manager closes the socket), the server lives on and the next good client is served; the gadget's
 * readObject never runs.
 */
@Timeout(150)
class HostileInputTest {
    static final byte[] KEY = "hostile-input-test-key".getBytes(StandardCharsets.US_ASCII);
    static final long SEED = 0xBAD_C0DEL;

    /**
     * The JVM-wide serial filter forbids the gadget class, as a deployment would forbid classes it never expects.
     * It rejects nothing else, so the other tests sharing this JVM are unaffected.
     */
    @BeforeAll
    static void forbidGadgets() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> info.serialClass() == Gadget.class
                ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED);
        }
        Gadget.RAN.set(0);
    }

    @AfterAll
    static void nothingLeft() {
        assertEquals(0, Gadget.RAN.get(), "a gadget was deserialized");
        Leftovers.assertNone();
    }

    // ---- inputs ----

    record Input(String name, byte[] bytes) {}

    static byte[] gadgetMessage(String marker) {
        return Codec.encode(new Gadget(marker)); // tag SERIALIZED + a Java serialization stream
    }

    /** Bytes sent before (or instead of) a handshake. */
    static List<Input> preAuthInputs(Random random, int randomCount, String marker) {
        var in = new ArrayList<Input>();
        for (int i = 0; i < randomCount; i++) {
            byte[] b = new byte[random.nextInt(513)];
            random.nextBytes(b);
            in.add(new Input("random " + b.length + " bytes", b));
        }
        for (int i = 0; i < randomCount / 4; i++) { // plausible frame lengths, garbage inside
            byte[] b = new byte[random.nextInt(257)];
            random.nextBytes(b);
            in.add(new Input("random frame of " + b.length, RawPeer.frame(b)));
        }
        byte[] hello = RawPeer.frame(RawPeer.hello(true));
        for (int cut = 0; cut < hello.length; cut++) in.add(new Input("hello cut at " + cut, java.util.Arrays.copyOf(hello, cut)));
        for (int claimed : new int[] {257, 65536, 1 << 30, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            in.add(new Input("first frame claims " + claimed, RawPeer.concat(RawPeer.lengthPrefix(claimed), new byte[16])));
            in.add(new Input("hello, then a frame claiming " + claimed, RawPeer.concat(hello, RawPeer.lengthPrefix(claimed), new byte[16])));
        }
        for (int cut = 0; cut < 36; cut += 5) { // the digest frame, cut short
            byte[] digest = RawPeer.frame(new byte[32]);
            in.add(new Input("hello, digest cut at " + cut, RawPeer.concat(hello, java.util.Arrays.copyOf(digest, cut))));
        }
        byte[] wrongDigest = new byte[32];
        random.nextBytes(wrongDigest);
        in.add(new Input("hello, wrong digest", RawPeer.concat(hello, RawPeer.frame(wrongDigest))));
        in.add(new Input("hello without auth", RawPeer.frame(RawPeer.hello(false))));
        in.add(new Input("hello, version 2", RawPeer.frame(new byte[] {'m', 'p', '4', 'j', 2, 1})));
        in.add(new Input("hello too long", RawPeer.frame(new byte[] {'m', 'p', '4', 'j', 1, 1, 0})));
        in.add(new Input("HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] gadget = gadgetMessage(marker);
        in.add(new Input("gadget as the first frame", RawPeer.frame(gadget)));
        in.add(new Input("gadget unframed", gadget));
        in.add(new Input("hello, gadget as the digest", RawPeer.concat(hello, RawPeer.frame(gadget))));
        return in;
    }

    /** Frames (or raw bytes) sent after a good handshake. */
    static List<Input> postAuthInputs(Random random, int randomCount, String marker) {
        var in = new ArrayList<Input>();
        for (int i = 0; i < randomCount; i++) {
            byte[] b = new byte[16 + random.nextInt(1000)];
            random.nextBytes(b);
            in.add(new Input("random message of " + b.length, RawPeer.frame(b)));
        }
        // valid messages, mutated: a byte flipped, cut short, a length field blown up
        List<Object> corpus = List.of("a string", List.of(1, 2L, "three"), Map.of("k", new int[] {1, 2, 3}),
            new ArrayList<>(List.of(new long[] {7}, new double[] {1.5}, "x")), new byte[64], List.of(List.of(List.of())),
            new java.util.Date(0), new java.util.TreeMap<>(Map.of(1, "one")));
        for (Object value : corpus) {
            byte[] good = Codec.encode(value);
            for (int m = 0; m < 6; m++) {
                byte[] b = good.clone();
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 + random.nextInt(255));
                in.add(new Input(value.getClass().getSimpleName() + " with byte " + at + " flipped", RawPeer.frame(b)));
            }
            if (good.length > 1)
                in.add(new Input(value.getClass().getSimpleName() + " cut short", RawPeer.frame(java.util.Arrays.copyOf(good, good.length / 2))));
            byte[] longer = java.util.Arrays.copyOf(good, Math.max(good.length, 5));
            ByteBuffer.wrap(longer, 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_fff0);
            in.add(new Input(value.getClass().getSimpleName() + " claiming 2^31 elements", RawPeer.frame(longer)));
        }
        for (int claimed : new int[] {Integer.MAX_VALUE, -1, (64 << 20) + 1}) {
            in.add(new Input("frame claiming " + claimed, RawPeer.concat(RawPeer.lengthPrefix(claimed), new byte[32])));
        }
        in.add(new Input("frame of 1000 cut at 10", RawPeer.concat(RawPeer.lengthPrefix(1000), new byte[10])));
        in.add(new Input("empty frame", RawPeer.frame(new byte[0])));
        Object deep = List.of();
        for (int i = 0; i < 150; i++) deep = List.of(deep);
        in.add(new Input("list nested 150 deep", RawPeer.frame(Codec.encode(deep))));
        in.add(new Input("Java object nested 150 deep", RawPeer.frame(serialized(nestedArrays(150)))));
        byte[] gadget = gadgetMessage(marker);
        byte[] unknown = replace(gadget, "dev.mp4j.reliability.Gadget", "dev.mp4j.reliability.Gadgex");
        in.add(new Input("object of a class not on the class path", RawPeer.frame(unknown)));
        in.add(new Input("gadget (forbidden by the serial filter)", RawPeer.frame(gadget)));
        in.add(new Input("gadget inside a list", RawPeer.frame(serialized(new ArrayList<>(List.of("x", new Gadget(marker)))))));
        return in;
    }

    static Object nestedArrays(int depth) {
        Object o = new Object[0];
        for (int i = 0; i < depth; i++) o = new Object[] {o};
        return o;
    }

    /** A SERIALIZED-tagged message (the fast path would not use Java serialization for these). */
    static byte[] serialized(Object value) {
        try {
            var bytes = new ByteArrayOutputStream();
            bytes.write(Codec.encode(new Gadget(null))[0]); // the SERIALIZED tag
            try (var oos = new ObjectOutputStream(bytes)) {
                oos.writeObject(value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] replace(byte[] in, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8), t = to.getBytes(StandardCharsets.UTF_8);
        byte[] out = in.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                return out;
            }
        }
        throw new AssertionError(from + " not found");
    }

    /** Whether a message is valid, decoded as a network peer's would be. */
    static boolean valid(byte[] framedOrRaw) {
        var b = ByteBuffer.wrap(framedOrRaw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 4 || b.getInt(0) != b.remaining() - 4) return false;
        try {
            Codec.decode(b.position(4), Limits.network());
            return true;
        } catch (Mp4jException e) {
            return false;
        }
    }

    // ---- the Listener ----

    /** Accepts one connection and reads one message; says what happened. */
    static String serveOne(Listener listener) {
        Connection<Object> c;
        try {
            c = listener.accept();
        } catch (Mp4jException e) {
            return "accept threw " + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "accept threw a non-mp4j " + e;
        }
        try (c) {
            return "message " + c.recv();
        } catch (Mp4jException e) {
            return "recv threw " + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "recv threw a non-mp4j " + e;
        }
    }

    /** Sends {@code input} (after a handshake if {@code key} is given), half-closes, returns the server's verdict. */
    static String attack(Listener listener, byte[] handshakeKey, boolean handshake, byte[] input) throws Exception {
        var server = Async.supply(() -> serveOne(listener));
        try (var peer = new RawPeer(listener.address())) {
            if (handshake) peer.handshake(handshakeKey);
            try {
                peer.write(input);
                peer.socket.shutdownOutput();
            } catch (IOException dropped) {
                // the server may hang up before we are done: fine
            }
            return server.get(20, TimeUnit.SECONDS);
        }
    }

    static void goodClientServed(Listener listener, byte[] key, int n) {
        var server = Async.supply(() -> {
            try (Connection<Object> c = listener.accept()) {
                Object got = c.recv();
                c.send(got);
                return got;
            }
        });
        try (Connection<Object> client = Client.connect(listener.address(), key)) {
            client.send(List.of("good", n));
            assertEquals(List.of("good", n), client.recv());
            assertEquals(List.of("good", n), server.join());
        }
    }

    private int hammer(Listener listener, byte[] key, List<Input> pre, List<Input> post) throws Exception {
        int tried = 0;
        for (Input input : pre) {
            String verdict = attack(listener, key, false, input.bytes());
            assertTrue(verdict.startsWith("accept threw ") && !verdict.contains("non-mp4j"), input.name() + ": " + verdict);
            goodClientServed(listener, key, tried++);
        }
        for (Input input : post) {
            String verdict = attack(listener, key, true, input.bytes());
            if (valid(input.bytes())) {
                assertTrue(verdict.startsWith("message "), input.name() + " is a valid message: " + verdict);
            } else {
                assertTrue(verdict.startsWith("recv threw ") && !verdict.contains("non-mp4j"), input.name() + ": " + verdict);
            }
            goodClientServed(listener, key, tried++);
        }
        assertEquals(0, Gadget.RAN.get(), "a gadget was deserialized");
        return tried;
    }

    @Test
    void tcpListenerWithKey() throws Exception {
        var random = new Random(SEED);
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int n = hammer(listener, KEY, preAuthInputs(random, 150, null), postAuthInputs(random, 60, null));
            System.err.println("HostileInputTest: TCP listener with a key survived " + n + " hostile connections");
        }
    }

    @Test
    void unixListenerWithKey() throws Exception {
        var random = new Random(SEED + 1);
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "rel-hostile-" + ProcessHandle.current().pid() + ".sock");
        try (var listener = new Listener(UnixDomainSocketAddress.of(socket), KEY)) {
            int n = hammer(listener, KEY, preAuthInputs(random, 30, null), postAuthInputs(random, 20, null));
            System.err.println("HostileInputTest: Unix listener with a key survived " + n + " hostile connections");
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void tcpListenerWithoutKey() throws Exception {
        var random = new Random(SEED + 2);
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), null)) {
            // no key: nothing to authenticate, but the greeting and the frames are checked all the same
            var pre = preAuthInputs(random, 30, null).stream()
                .filter(i -> !i.name().startsWith("hello") || i.name().startsWith("hello cut") || i.name().startsWith("hello, version")).toList();
            int n = hammer(listener, null, pre, postAuthInputs(random, 20, null));
            System.err.println("HostileInputTest: TCP listener without a key survived " + n + " hostile connections");
        }
    }

    @Test
    void silentPeerTimesOutAndTheNextClientIsServed() throws Exception {
        String old = System.getProperty("mp4j.net.handshakeMillis");
        System.setProperty("mp4j.net.handshakeMillis", "500");
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), KEY);
             var silent = new RawPeer(listener.address())) {
            long t0 = System.nanoTime();
            String verdict = serveOne(listener);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("accept threw Mp4jException", verdict);
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertTrue(silent.droppedWithin(2000), "the silent peer's connection was not dropped");
            goodClientServed(listener, KEY, 0);
        } finally {
            if (old == null) System.clearProperty("mp4j.net.handshakeMillis"); else System.setProperty("mp4j.net.handshakeMillis", old);
        }
    }

    // ---- a remote Manager (its server in a child JVM whose serial filter forbids the gadget class) ----

    @Test
    void remoteManager() throws Exception {
        var random = new Random(SEED + 3);
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "rel-gadget-" + ProcessHandle.current().pid());
        Files.deleteIfExists(marker);
        // the server's log (its dropped connections, with their reasons) goes to a file instead of the console
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String stem = "rel-mgrlog-" + ProcessHandle.current().pid();
        Path logConfig = tmp.resolve(stem + ".properties"), log = tmp.resolve(stem + ".log");
        Files.writeString(logConfig, String.join("\n",
            "handlers=java.util.logging.FileHandler",
            "java.util.logging.FileHandler.pattern=" + log,
            "java.util.logging.FileHandler.level=ALL",
            "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
            "java.util.logging.SimpleFormatter.format=%4$s %3$s %5$s%n",
            "dev.mp4j.manager.level=ALL", ""));
        var context = Context.of(StartMethod.SPAWN).withJvmOptions("-Djdk.serialFilter=!" + Gadget.class.getName(),
            "-Djava.util.logging.config.file=" + logConfig);
        int tried = 0;
        try (Manager m = Manager.builder().context(context).address(new InetSocketAddress("127.0.0.1", 0)).authkey(KEY).start()) {
            SocketAddress address = m.address();
            Map<String, Integer> dict = m.dict();
            var pre = preAuthInputs(random, 40, marker.toString());
            var post = postAuthInputs(random, 30, marker.toString());
            for (Input input : pre) {
                try (var peer = new RawPeer(address)) {
                    try {
                        peer.write(input.bytes());
                        peer.socket.shutdownOutput();
                    } catch (IOException dropped) {
                        // hung up on us already
                    }
                    assertTrue(peer.droppedWithin(10_000), input.name() + ": connection not dropped");
                }
                dict.put("n", ++tried);
            }
            for (Input input : post) {
                try (var peer = new RawPeer(address)) {
                    peer.handshake(KEY);
                    try {
                        peer.write(input.bytes());
                        // an unfinished frame from a key holder may just be slow: end the stream in its middle;
                        // for everything else, no shutdownOutput: the server must hang up on garbage by itself
                        if (input.name().contains("cut at")) peer.socket.shutdownOutput();
                    } catch (IOException dropped) {
                        // hung up on us already
                    }
                    assertTrue(peer.droppedWithin(10_000), input.name() + ": connection not dropped");
                }
                dict.put("n", ++tried);
                if (tried % 20 == 0) {
                    try (Manager other = Manager.connect(address, KEY)) {
                        Map<String, Integer> d = other.dict();
                        d.put("x", tried);
                        assertEquals(tried, d.get("x"));
                    }
                }
            }
            assertEquals(tried, dict.get("n"), "the server lives on");
            try (Manager other = Manager.connect(address, KEY)) {
                assertEquals(List.of(1, 2), other.list(List.of(1, 2)).subList(0, 2), "a good client is served next");
            }
        } finally {
            boolean ran = Files.exists(marker);
            Files.deleteIfExists(marker);
            Files.deleteIfExists(logConfig);
            assertFalse(ran, "the gadget ran in the manager server");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(tmp.resolve(stem + ".log.lck"));
        }
        long dropped = lines.stream().filter(l -> l.contains("dropped the connection from 127.0.0.1:")).count();
        long warnings = lines.stream().filter(l -> l.startsWith("WARNING dev.mp4j.manager dropped the connection")).count();
        assertTrue(dropped >= tried - 10, "only " + dropped + " of " + tried + " dropped connections logged: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("REJECTED")), "the forbidden class: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("digest received was wrong")), "the wrong digest: " + lines);
        System.err.println("HostileInputTest: remote manager survived " + tried + " hostile connections and logged a reason for "
            + dropped + " (" + warnings + " at WARNING)");
    }
}
