package dev.mp4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.transport.Handshake;
import dev.mp4j.internal.transport.SocketTransport;
import dev.mp4j.internal.transport.Sockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coverage-guided fuzzing (Jazzer) of what a listening mp4j socket reads: the {@link Handshake} parser and then
 * the framing of {@link SocketTransport} with each frame decoded by the codec, all on real (Unix-domain) sockets as
 * a {@code Listener} or the manager server runs them. Each input is what one client sends before it half-closes; its
 * first byte picks the server:
 * <ul>
 * <li>0: a server with an authkey. The fuzzer cannot hold the key, so the handshake must fail (with an
 *     {@code Mp4jException}); nothing may be deserialized meanwhile.</li>
 * <li>1: a server without a key, the client's bytes raw: the greeting is parsed, and if it is good the frames that
 *     follow are read and decoded.</li>
 * <li>2: as 1, with a valid greeting sent first by the harness, so every mutation lands on the frames.</li>
 * </ul>
 * {@code mvn verify} fuzzes it for {@value #SECONDS} in a JVM of its own (JAZZER_FUZZ=1).
 */
class WireFuzzTest {
    static final String SECONDS = "20s";
    static final byte[] KEY = "wire-fuzz-key".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HELLO_NO_AUTH = frame(new byte[] {'m', 'p', '4', 'j', 1, 0});
    static final AtomicLong handshakesPassed = new AtomicLong(), messagesDecoded = new AtomicLong();
    static Path socketFile;
    static ServerSocketChannel server;

    @BeforeAll
    static void listen() throws IOException {
        FuzzContract.install();
        socketFile = Path.of(System.getProperty("java.io.tmpdir"), "rel-wirefuzz-" + ProcessHandle.current().pid() + ".sock");
        Files.deleteIfExists(socketFile);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketFile));
    }

    @AfterAll
    static void close() throws IOException {
        if (server != null) server.close();
        Files.deleteIfExists(socketFile);
        System.err.println("WireFuzzTest: " + FuzzContract.report("wire") + "; " + handshakesPassed.get()
            + " keyless handshakes passed, " + messagesDecoded.get() + " messages decoded after them");
    }

    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).put(payload).array();
    }

    @FuzzTest(maxDuration = SECONDS)
    void wire(byte[] input) {
        FuzzContract.check(input, () -> serveOne(input));
    }

    private static void serveOne(byte[] input) {
        int mode = input.length == 0 ? 0 : (input[0] & 0xff) % 3;
        byte[] sent = input.length == 0 ? input : Arrays.copyOfRange(input, 1, Math.min(input.length, 1 + (64 << 10)));
        if (mode == 2) sent = concat(HELLO_NO_AUTH, sent);
        byte[] key = mode == 0 ? KEY : null;
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            try (accepted) {
                var b = ByteBuffer.wrap(sent);
                while (b.hasRemaining()) client.write(b); // fits the socket buffer: nobody reads yet
                client.shutdownOutput();
                SocketTransport transport;
                FuzzContract.preAuth.set(true);
                try {
                    transport = Sockets.authenticated(accepted, key, true);
                } finally {
                    FuzzContract.preAuth.set(false);
                }
                if (key != null) throw new AssertionError("the handshake passed without the key");
                handshakesPassed.incrementAndGet();
                try {
                    while (true) {
                        byte[] message = transport.receive();
                        Codec.decode(ByteBuffer.wrap(message), transport.limits());
                        messagesDecoded.incrementAndGet();
                    }
                } finally {
                    transport.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the harness's own socket failed", e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
