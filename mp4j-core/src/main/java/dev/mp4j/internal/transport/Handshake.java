package dev.mp4j.internal.transport;

import dev.mp4j.internal.sync.Waits;
import dev.mp4j.AuthenticationException;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Mp4jException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The opening exchange on every socket connection, before any message is read, all in small raw frames
 * (4-byte little-endian length, at most {@value #MAX_FRAME} bytes; nothing here is deserialized):
 * <ol>
 * <li>each side sends {@code HELLO = "mp4j" version authFlag}; differing auth flags fail both sides;</li>
 * <li>with a key, the server sends a 32-byte random challenge, the client answers
 *     HMAC-SHA256(key, "client" + challenge), the server replies {@code OK} or {@code FAIL};</li>
 * <li>then the same the other way round (label "server"), so each side has proved it holds the key.
 *     The labels keep one side's answer from being replayed as the other's.</li>
 * </ol>
 * The whole exchange must finish within the time limit (system property {@code mp4j.net.handshakeMillis},
 * default 5000), so a silent or slow peer cannot hold up a listener.
 */
public final class Handshake {
    static final int MAX_FRAME = 256;
    private static final byte VERSION = 1;
    private static final byte[] MAGIC = "mp4j".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII), FAIL = "FAIL".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketChannel socket;
    private final byte[] key;
    private final long deadline;
    private final Selector selector;
    private final SelectionKey key_;
    private final ByteBuffer in = ByteBuffer.allocate(MAX_FRAME + 4).order(ByteOrder.LITTLE_ENDIAN);

    private Handshake(SocketChannel socket, byte[] key) throws IOException {
        this.socket = socket;
        this.key = key;
        this.deadline = System.nanoTime() + Long.getLong("mp4j.net.handshakeMillis", 5000) * 1_000_000;
        socket.configureBlocking(false);
        this.selector = Selector.open();
        this.key_ = socket.register(selector, SelectionKey.OP_READ);
    }

    /** Runs the server side; on failure the socket is closed and the exception says why. */
    public static void server(SocketChannel socket, byte[] key) { run(socket, key, true); }

    /** Runs the client side; on failure the socket is closed and the exception says why. */
    public static void client(SocketChannel socket, byte[] key) { run(socket, key, false); }

    private static void run(SocketChannel socket, byte[] key, boolean server) {
        boolean done = false;
        try {
            var h = new Handshake(socket, key);
            try {
                if (server) h.asServer(); else h.asClient();
                done = true;
            } finally {
                h.selector.close();
            }
        } catch (SocketTimeoutException e) {
            throw new Mp4jException("handshake timed out: the peer did not complete it in time", e);
        } catch (IOException e) {
            throw new UncheckedIOException("handshake failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                try { socket.close(); } catch (IOException ignored) { }
            }
        }
    }

    private void asServer() throws IOException {
        boolean peerAuth = hello();
        checkAuthAgreement(peerAuth);
        if (key == null) return;
        challenge("client");
        answer("server");
    }

    private void asClient() throws IOException {
        boolean peerAuth = hello();
        checkAuthAgreement(peerAuth);
        if (key == null) return;
        answer("client");
        challenge("server");
    }

    private boolean hello() throws IOException {
        byte[] mine = Arrays.copyOf(MAGIC, MAGIC.length + 2);
        mine[MAGIC.length] = VERSION;
        mine[MAGIC.length + 1] = (byte) (key != null ? 1 : 0);
        send(mine);
        byte[] theirs = receive();
        if (theirs.length != mine.length || !Arrays.equals(theirs, 0, MAGIC.length, MAGIC, 0, MAGIC.length))
            throw new Mp4jException("not an mp4j peer (bad greeting)");
        if (theirs[MAGIC.length] != VERSION) throw new Mp4jException("unsupported mp4j protocol version " + theirs[MAGIC.length]);
        return theirs[MAGIC.length + 1] != 0;
    }

    private void checkAuthAgreement(boolean peerAuth) {
        if (peerAuth && key == null) throw new AuthenticationException("the peer requires an authkey and none was given");
        if (!peerAuth && key != null) throw new AuthenticationException("the peer does not authenticate but an authkey was given");
    }

    /** Challenges the peer, which must answer with {@code label}; tells it the verdict. */
    private void challenge(String label) throws IOException {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        send(nonce);
        byte[] response = receive();
        boolean good = MessageDigest.isEqual(response, mac(label, nonce));
        send(good ? OK : FAIL);
        if (!good) throw new AuthenticationException("digest received was wrong: the peer does not hold the authkey");
    }

    /** Answers the peer's challenge with {@code label}; fails unless the peer accepts. */
    private void answer(String label) throws IOException {
        byte[] nonce = receive();
        if (nonce.length != 32) throw new Mp4jException("bad challenge from the peer");
        send(mac(label, nonce));
        byte[] verdict = receive();
        if (Arrays.equals(verdict, FAIL)) throw new AuthenticationException("the peer rejected our authkey digest");
        if (!Arrays.equals(verdict, OK)) throw new Mp4jException("bad handshake reply from the peer");
    }

    private byte[] mac(String label, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads keys with zeros, so the one-zero-byte key equals the empty key the JCE refuses
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private void send(byte[] payload) throws IOException {
        var b = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).put(payload).flip();
        while (b.hasRemaining()) {
            if (socket.write(b) == 0) await(SelectionKey.OP_WRITE);
        }
    }

    private byte[] receive() throws IOException {
        in.clear().limit(4);
        readFully();
        int length = in.getInt(0);
        if (length < 0 || length > MAX_FRAME) throw new Mp4jException("not an mp4j peer (bad frame length in handshake)");
        in.clear().limit(length);
        readFully();
        return Arrays.copyOf(in.array(), length);
    }

    private void readFully() throws IOException {
        while (in.hasRemaining()) {
            int n = socket.read(in);
            if (n < 0) throw new ConnectionClosedException("the peer closed the connection during the handshake");
            if (n == 0) await(SelectionKey.OP_READ);
        }
    }

    private void await(int ops) throws IOException {
        key_.interestOps(ops);
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException("handshake time limit");
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        if (Thread.interrupted()) throw Waits.cancelled();
    }
}
