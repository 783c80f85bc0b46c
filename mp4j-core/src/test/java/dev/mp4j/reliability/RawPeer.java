package dev.mp4j.reliability;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A hand-written mp4j wire peer for hostile-input tests: raw bytes, raw frames, and the client side of the
 * handshake written from its specification (frames: 4-byte little-endian length + payload; HELLO "mp4j" version
 * authFlag; HMAC-SHA256 challenge-response both ways with the labels "client" and "server").
 */
final class RawPeer implements AutoCloseable {
    static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    final SocketChannel socket;

    RawPeer(SocketAddress address) throws IOException {
        socket = address instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        socket.connect(address);
        if (address instanceof InetSocketAddress) socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).put(payload).array();
    }

    static byte[] lengthPrefix(int claimed) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(claimed).array();
    }

    static byte[] hello(boolean auth) {
        return new byte[] {'m', 'p', '4', 'j', 1, (byte) (auth ? 1 : 0)};
    }

    static byte[] mac(byte[] key, String label, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(nonce);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    void write(byte[] bytes) throws IOException {
        var b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) socket.write(b);
    }

    byte[] readFrame() throws IOException {
        var len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(len);
        int n = len.getInt(0);
        if (n < 0 || n > 1 << 20) throw new IOException("bad frame length " + n);
        var body = ByteBuffer.allocate(n);
        readFully(body);
        return body.array();
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) if (socket.read(b) < 0) throw new java.io.EOFException();
    }

    /** The whole client side of the handshake; afterwards the socket carries messages. */
    void handshake(byte[] key) throws IOException {
        write(frame(hello(key != null)));
        byte[] theirs = readFrame();
        if (!Arrays.equals(theirs, hello(key != null))) throw new IOException("unexpected hello " + Arrays.toString(theirs));
        if (key == null) return;
        byte[] challenge = readFrame();
        write(frame(mac(key, "client", challenge)));
        if (!Arrays.equals(readFrame(), OK)) throw new IOException("our digest was refused");
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        write(frame(nonce));
        if (!Arrays.equals(readFrame(), mac(key, "server", nonce))) throw new IOException("the server's digest is wrong");
        write(frame(OK));
    }

    /** The bytes of a successful client handshake, in the order sent, for cutting and mutating (no key). */
    static byte[] plainClientTranscript() {
        return frame(hello(false));
    }

    /** Whether the peer dropped the connection (end-of-stream or reset) within {@code millis}; data read meanwhile is skipped. */
    boolean droppedWithin(long millis) throws IOException {
        socket.configureBlocking(false);
        long deadline = System.nanoTime() + millis * 1_000_000;
        var sink = ByteBuffer.allocate(4096);
        try (var sel = java.nio.channels.Selector.open()) {
            socket.register(sel, java.nio.channels.SelectionKey.OP_READ);
            while (System.nanoTime() < deadline) {
                try {
                    if (socket.read(sink.clear()) < 0) return true;
                } catch (IOException reset) {
                    return true;
                }
                sel.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                sel.selectedKeys().clear();
            }
            return false;
        }
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
