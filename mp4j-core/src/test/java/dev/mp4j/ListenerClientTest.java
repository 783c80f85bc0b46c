package dev.mp4j;

import dev.mp4j.testing.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerClientTest {
    private static final byte[] KEY = "secret".getBytes();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    private <C extends AutoCloseable> C track(C c) { toClose.add(c); return c; }

    private static SocketAddress anyPort() { return new InetSocketAddress("127.0.0.1", 0); }

    private <T> Connection<T>[] pair(Listener listener, byte[] clientKey) {
        var accepted = Async.supply(listener::<T>accept);
        Connection<T> client = track(Client.connect(listener.address(), clientKey));
        Connection<T> server = track(accepted.join());
        @SuppressWarnings("unchecked") Connection<T>[] both = new Connection[] {server, client};
        return both;
    }

    @Test
    void tcpObjectsBytesAndBoundaries() {
        Listener listener = track(new Listener(anyPort(), KEY));
        assertNotEquals(0, ((InetSocketAddress) listener.address()).getPort());
        Connection<Object>[] p = pair(listener, KEY);
        Connection<Object> server = p[0], client = p[1];
        client.send(Map.of("k", List.of(1, 2)));
        client.send(null);
        client.sendBytes(new byte[0]);
        client.sendBytes("abcdef".getBytes(), 2, 3);
        assertEquals(Map.of("k", List.of(1, 2)), server.recv());
        assertNull(server.recv());
        assertArrayEquals(new byte[0], server.recvBytes());
        byte[] buf = new byte[10];
        assertEquals(3, server.recvBytesInto(buf, 4));
        assertEquals("cde", new String(buf, 4, 3));
        assertFalse(server.poll());
        assertFalse(server.poll(Duration.ofMillis(50)));
        server.send("back");
        assertTrue(client.poll(Duration.ofSeconds(5)));
        assertEquals("back", client.recv());
        assertThrows(IndexOutOfBoundsException.class, () -> client.sendBytes(new byte[4], 3, 2));
    }

    @Test
    void sixteenMiBBothWaysAndBufferTooShort() throws Exception {
        Listener listener = track(new Listener(anyPort(), KEY));
        Connection<byte[]>[] p = pair(listener, KEY);
        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i += 4099) big[i] = (byte) i;
        var sending = Async.run(() -> { p[1].send(big); p[1].sendBytes(big); p[1].sendBytes(new byte[100]); });
        assertArrayEquals(big, p[0].recv());
        assertArrayEquals(big, p[0].recvBytes());
        var e = assertThrows(BufferTooShortException.class, () -> p[0].recvBytesInto(new byte[100], 1));
        assertEquals(100, e.data().length);
        sending.get(30, TimeUnit.SECONDS);
    }

    @Test
    void messagesStraddlingReadBuffersAndGrowthSteps() throws Exception {
        Listener listener = track(new Listener(anyPort(), null));
        Connection<byte[]>[] p = pair(listener, null);
        int[] sizes = {0, 1, 65_531, 65_536, 70_000, (1 << 20) - 3, 1 << 20, (1 << 20) + 70_001, (2 << 20) + 5, 3};
        var sending = Async.run(() -> {
            for (int round = 0; round < 3; round++)
                for (int size : sizes) { byte[] b = new byte[size]; java.util.Arrays.fill(b, (byte) size); p[1].sendBytes(b); }
        });
        for (int round = 0; round < 3; round++) {
            for (int size : sizes) {
                byte[] got = p[0].recvBytes();
                assertEquals(size, got.length);
                for (byte x : got) if (x != (byte) size) fail("corrupt message of " + size);
            }
        }
        sending.get(30, TimeUnit.SECONDS);
    }

    @Test
    void endOfStreamAfterDrain() {
        Listener listener = track(new Listener(anyPort(), null));
        Connection<Integer>[] p = pair(listener, null);
        p[1].send(1);
        p[1].close();
        p[1].close();
        assertTrue(p[1].isClosed());
        assertThrows(IllegalStateException.class, () -> p[1].send(2));
        assertEquals(1, p[0].recv());
        assertTrue(p[0].poll(Duration.ofSeconds(5)));
        assertThrows(ConnectionClosedException.class, p[0]::recv);
        assertThrows(ConnectionClosedException.class, p[0]::recvBytes);
    }

    @Test
    void unixDomainSocketRemovesItsFile() throws IOException {
        Path dir = Files.createTempDirectory("mp4j-test");
        Path file = dir.resolve("sock");
        try {
            Listener listener = new Listener(UnixDomainSocketAddress.of(file), KEY);
            try {
                assertTrue(Files.exists(file));
                Connection<String>[] p = pair(listener, KEY);
                p[0].send("over unix");
                assertEquals("over unix", p[1].recv());
                // a second listener on the same path: clear error
                assertThrows(UncheckedIOException.class, () -> new Listener(UnixDomainSocketAddress.of(file), KEY));
            } finally {
                listener.close();
                listener.close();
            }
            assertFalse(Files.exists(file));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    @Test
    void wrongKeyFailsBothSidesAndListenerKeepsServing() {
        Listener listener = track(new Listener(anyPort(), KEY));
        var accepted = Async.supply(() -> {
            try { return listener.accept(); } catch (RuntimeException e) { return e; }
        });
        assertThrows(AuthenticationException.class, () -> Client.connect(listener.address(), "wrong".getBytes()));
        assertInstanceOf(AuthenticationException.class, accepted.join());
        // missing key on one side: both fail
        var accepted2 = Async.supply(() -> {
            try { return listener.accept(); } catch (RuntimeException e) { return e; }
        });
        assertThrows(AuthenticationException.class, () -> Client.connect(listener.address(), null));
        assertInstanceOf(AuthenticationException.class, accepted2.join());
        // and a good client still gets through
        Connection<String>[] p = pair(listener, KEY);
        p[1].send("fine");
        assertEquals("fine", p[0].recv());
    }

    @Test
    void serverWithoutKeyRejectsClientThatWantsOne() {
        Listener listener = track(new Listener(anyPort(), null));
        var accepted = Async.supply(() -> {
            try { return listener.accept(); } catch (RuntimeException e) { return e; }
        });
        assertThrows(AuthenticationException.class, () -> Client.connect(listener.address(), KEY));
        assertInstanceOf(AuthenticationException.class, accepted.join());
    }

    @Test
    void emptyKeyIsAKey() {
        Listener listener = track(new Listener(anyPort(), new byte[0]));
        Connection<String>[] p = pair(listener, new byte[0]);
        p[0].send("empty ok");
        assertEquals("empty ok", p[1].recv());
        var accepted = Async.supply(() -> {
            try { return listener.accept(); } catch (RuntimeException e) { return e; }
        });
        assertThrows(AuthenticationException.class, () -> Client.connect(listener.address(), new byte[] {0, 1}));
        assertInstanceOf(AuthenticationException.class, accepted.join());
    }

    @Test
    void garbageAndOversizedFramesBeforeHandshake() throws Exception {
        Listener listener = track(new Listener(anyPort(), KEY));
        for (byte[] junk : List.of("GET / HTTP/1.0\r\n\r\n".getBytes(), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1})) {
            var accepted = Async.supply(() -> {
                try { return listener.accept(); } catch (RuntimeException e) { return e; }
            });
            try (SocketChannel raw = SocketChannel.open(listener.address())) {
                raw.write(ByteBuffer.wrap(junk));
                Object result = accepted.get(10, TimeUnit.SECONDS);
                assertInstanceOf(Mp4jException.class, result);
                // the server dropped us
                int n;
                var sink = ByteBuffer.allocate(1024);
                try {
                    do { sink.clear(); n = raw.read(sink); } while (n > 0);
                } catch (IOException reset) {
                    n = -1; // closed with our junk unread: a reset, also a drop
                }
                assertEquals(-1, n);
            }
        }
        Connection<String>[] p = pair(listener, KEY);
        p[1].send("after garbage");
        assertEquals("after garbage", p[0].recv());
    }

    @Test
    void silentClientTimesOutAndNextClientIsServed() throws Exception {
        System.setProperty("mp4j.net.handshakeMillis", "500");
        try {
            Listener listener = track(new Listener(anyPort(), KEY));
            try (SocketChannel silent = SocketChannel.open(listener.address())) {
                long t = System.nanoTime();
                var e = assertThrows(Mp4jException.class, listener::accept);
                assertFalse(e instanceof AuthenticationException && false);
                assertTrue(System.nanoTime() - t < 4_000_000_000L);
            }
            Connection<String>[] p = pair(listener, KEY);
            p[1].send("next");
            assertEquals("next", p[0].recv());
        } finally {
            System.clearProperty("mp4j.net.handshakeMillis");
        }
    }

    /** A raw client that does the no-key greeting by hand, then misbehaves. */
    private static SocketChannel rawGreeted(SocketAddress address) throws IOException {
        SocketChannel raw = SocketChannel.open(address);
        var hello = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putInt(6).put("mp4j".getBytes()).put((byte) 1).put((byte) 0).flip();
        raw.write(hello);
        var theirs = ByteBuffer.allocate(10);
        while (theirs.hasRemaining()) raw.read(theirs);
        return raw;
    }

    @Test
    void garbageAfterHandshake() throws Exception {
        Listener listener = track(new Listener(anyPort(), null));
        // a frame that is not a valid message: recv throws, the stream stays in step
        var accepted = Async.supply(listener::<Object>accept);
        try (SocketChannel raw = rawGreeted(listener.address())) {
            Connection<Object> server = track(accepted.get(10, TimeUnit.SECONDS));
            raw.write(ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).putInt(3).put(new byte[] {99, 1, 2}).flip());
            assertThrows(Mp4jException.class, server::recv);
            // a serialized stream that claims a huge array: refused under the limits, no memory exhausted
            byte[] hostile = dev.mp4j.internal.codec.Codec.encode(new Object[] {new long[10]}); // through Java serialization
            ByteBuffer.wrap(hostile).putInt(hostile.length - 84, 0x7FFFFFF0); // the array's length field
            raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(hostile.length).flip());
            raw.write(ByteBuffer.wrap(hostile));
            assertThrows(Mp4jException.class, server::recv);
            // a fast-path array claiming more elements than allowed
            raw.write(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putInt(5).put((byte) 15).putInt((1 << 24) + 1).flip());
            assertThrows(Mp4jException.class, server::recv);
            // an oversized length prefix: dropped
            raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE).flip());
            var e = assertThrows(Mp4jException.class, server::recv);
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
        Connection<String>[] p = pair(listener, null);
        p[1].send("still serving");
        assertEquals("still serving", p[0].recv());
    }

    @Test
    void networkFailuresAreUncheckedIO() {
        Listener listener = track(new Listener(anyPort(), KEY));
        assertThrows(UncheckedIOException.class, () -> new Listener(listener.address(), KEY));
        SocketAddress gone;
        try (Listener l = new Listener(anyPort(), KEY)) { gone = l.address(); }
        assertThrows(UncheckedIOException.class, () -> Client.connect(gone, KEY));
        assertThrows(UncheckedIOException.class, () -> new Listener(new InetSocketAddress("192.0.2.1", 0), KEY));
    }

    @Test
    void closeUnblocksAccept() throws Exception {
        Listener listener = new Listener(anyPort(), KEY);
        var accepted = Async.supply(() -> {
            try { return listener.accept(); } catch (RuntimeException e) { return e; }
        });
        Thread.sleep(200);
        listener.close();
        assertInstanceOf(IllegalStateException.class, accepted.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, listener::accept);
        listener.close();
    }

    @Test
    void interruptedRecvThrowsCancellation() throws Exception {
        Listener listener = track(new Listener(anyPort(), KEY));
        Connection<String>[] p = pair(listener, KEY);
        var result = new CompletableFuture<Object>();
        Thread t = new Thread(() -> {
            try { result.complete(p[0].recv()); } catch (RuntimeException e) { result.complete(e.getClass().getName() + Thread.currentThread().isInterrupted()); }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        assertEquals("java.util.concurrent.CancellationExceptiontrue", result.get(5, TimeUnit.SECONDS));
        p[1].send("still usable");
        assertEquals("still usable", p[0].recv());
    }

    @Test
    void waitReadyOnSockets() {
        Listener listener = track(new Listener(anyPort(), KEY));
        Connection<Integer>[] a = pair(listener, KEY), b = pair(listener, KEY);
        assertEquals(List.of(), Connection.waitReady(List.of(a[0], b[0]), Duration.ofMillis(50)));
        b[1].send(7);
        assertEquals(List.of(b[0]), Connection.waitReady(List.of(a[0], b[0]), Duration.ofSeconds(5)));
        a[1].close();
        assertEquals(List.of(a[0], b[0]), Connection.waitReady(List.of(a[0], b[0])));
    }
}
