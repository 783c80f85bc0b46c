package dev.mp4j;

import dev.mp4j.testing.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Pipe and Connection semantics within one process; PipeProcessTest covers real children. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeTest {
    @Test
    void duplexBothWaysWithBoundaries() {
        Pipe<Object> pipe = Pipe.open();
        Connection<Object> a = pipe.left(), b = pipe.right();
        assertTrue(a.isReadable() && a.isWritable() && b.isReadable() && b.isWritable());
        a.send(Map.of("x", 1));
        a.send(null);
        a.sendBytes(new byte[0]);
        a.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        b.send("back");
        assertEquals(Map.of("x", 1), b.recv());
        assertNull(b.recv());
        assertArrayEquals(new byte[0], b.recvBytes());
        byte[] buf = new byte[8];
        assertEquals(3, b.recvBytesInto(buf, 5));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 2, 3, 4}, buf);
        assertEquals("back", a.recv());
        assertFalse(a.poll());
        assertFalse(b.poll(Duration.ofMillis(50)));
    }

    @Test
    void sendCopiesAtTheCall() {
        Pipe<int[]> pipe = Pipe.open();
        int[] data = {1, 2};
        pipe.left().send(data);
        data[0] = 99;
        byte[] raw = {7};
        pipe.left().sendBytes(raw);
        raw[0] = 8;
        assertArrayEquals(new int[] {1, 2}, pipe.right().recv());
        assertArrayEquals(new byte[] {7}, pipe.right().recvBytes());
    }

    @Test
    void oneWayDirectionErrors() {
        Pipe<String> pipe = Pipe.open(false);
        Connection<String> r = pipe.left(), w = pipe.right();
        assertTrue(r.isReadable());
        assertFalse(r.isWritable());
        assertFalse(w.isReadable());
        assertTrue(w.isWritable());
        assertThrows(IllegalStateException.class, () -> r.send("x"));
        assertThrows(IllegalStateException.class, () -> r.sendBytes(new byte[1]));
        assertThrows(IllegalStateException.class, w::recv);
        assertThrows(IllegalStateException.class, w::recvBytes);
        assertThrows(IllegalStateException.class, w::poll);
        assertThrows(IllegalStateException.class, () -> w.poll(Duration.ofMillis(1)));
        w.send("one way");
        assertEquals("one way", r.recv());
    }

    @Test
    void bufferTooShortKeepsTheMessage() {
        Pipe<Object> pipe = Pipe.open();
        pipe.left().sendBytes("0123456789".getBytes());
        var e = assertThrows(BufferTooShortException.class, () -> pipe.right().recvBytesInto(new byte[12], 4));
        assertEquals("0123456789", new String(e.data()));
        assertFalse(pipe.right().poll());
        assertThrows(IndexOutOfBoundsException.class, () -> pipe.left().sendBytes(new byte[3], -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> pipe.left().sendBytes(new byte[3], 2, 2));
    }

    @Test
    void endOfStreamAfterDrainAndClosedEndErrors() {
        Pipe<Integer> pipe = Pipe.open();
        pipe.left().send(1);
        pipe.left().send(2);
        pipe.left().close();
        pipe.left().close();
        assertTrue(pipe.left().isClosed());
        assertThrows(IllegalStateException.class, () -> pipe.left().send(3));
        assertThrows(IllegalStateException.class, () -> pipe.left().recv());
        assertThrows(IllegalStateException.class, () -> pipe.left().poll());
        assertTrue(pipe.right().poll());
        assertEquals(1, pipe.right().recv());
        assertEquals(2, pipe.right().recv());
        assertTrue(pipe.right().poll(Duration.ofSeconds(1)));
        assertThrows(ConnectionClosedException.class, () -> pipe.right().recv());
        assertThrows(ConnectionClosedException.class, () -> pipe.right().recvBytes());
        assertThrows(ConnectionClosedException.class, () -> pipe.right().recvBytesInto(new byte[4], 0));
        // sending to a closed peer fails once nobody can read
        assertThrows(ConnectionClosedException.class, () -> { for (int i = 0; i < 10_000_000; i++) pipe.right().sendBytes(new byte[1 << 20]); });
    }

    @Test
    void anEndDroppedWithoutCloseIsClosedByTheGarbageCollector() {
        Connection<Integer> kept = pairWithDroppedPeer();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!kept.poll(Duration.ofMillis(50)) && System.nanoTime() < deadline) System.gc();
        assertEquals(1, kept.recv());
        while (!kept.poll(Duration.ofMillis(50)) && System.nanoTime() < deadline) System.gc();
        assertThrows(ConnectionClosedException.class, kept::recv);
    }

    private static Connection<Integer> pairWithDroppedPeer() {
        Pipe<Integer> pipe = Pipe.open();
        pipe.left().send(1);
        return pipe.right();
    }

    @Test
    void closeWakesABlockedReceiver() throws Exception {
        Pipe<Integer> pipe = Pipe.open();
        var got = Async.supply(() -> { try { return pipe.right().recv(); } catch (RuntimeException e) { return e; } });
        Thread.sleep(100);
        pipe.left().close();
        assertInstanceOf(ConnectionClosedException.class, got.get(5, TimeUnit.SECONDS));
    }

    @Test
    void sixteenMiBMessages() throws Exception {
        Pipe<byte[]> pipe = Pipe.open();
        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i += 511) big[i] = (byte) i;
        var sender = Async.run(() -> { for (int i = 0; i < 20; i++) pipe.left().send(big); });
        for (int i = 0; i < 20; i++) assertArrayEquals(big, pipe.right().recv());
        sender.get(30, TimeUnit.SECONDS);
        pipe.right().sendBytes(big);
        assertArrayEquals(big, pipe.left().recvBytes());
    }

    @Test
    void oneThreadSendsWhileAnotherReceives() throws Exception {
        Pipe<Integer> pipe = Pipe.open();
        int n = 100_000;
        var echo = Async.run(() -> { for (int i = 0; i < n; i++) pipe.right().send(pipe.right().recv() + 1); });
        var sender = Async.run(() -> { for (int i = 0; i < n; i++) pipe.left().send(i); });
        long sum = 0;
        for (int i = 0; i < n; i++) sum += pipe.left().recv();
        sender.get(30, TimeUnit.SECONDS);
        echo.get(30, TimeUnit.SECONDS);
        assertEquals((long) n * (n - 1) / 2 + n, sum);
    }

    @Test
    void waitReadyOnPipes() {
        Pipe<Integer> p1 = Pipe.open(), p2 = Pipe.open();
        assertEquals(List.of(), Connection.waitReady(List.of(p1.right(), p2.right()), Duration.ofMillis(50)));
        assertEquals(List.of(), Connection.waitReady(List.of(p1.right(), p2.right()), Duration.ZERO));
        p2.left().send(1);
        assertEquals(List.of(p2.right()), Connection.waitReady(List.of(p1.right(), p2.right()), Duration.ofSeconds(5)));
        p1.left().close();
        assertEquals(List.of(p1.right(), p2.right()), Connection.waitReady(List.of(p1.right(), p2.right())));
        var f = new CompletableFuture<String>();
        assertEquals(List.of(), Connection.waitReady(List.of(f), Duration.ofMillis(10)));
    }

    @Test
    void interruptedRecvIsCancellation() throws Exception {
        Pipe<Integer> pipe = Pipe.open();
        var result = new CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try { pipe.right().recv(); result.complete("got"); }
            catch (java.util.concurrent.CancellationException e) { result.complete("cancelled " + Thread.currentThread().isInterrupted()); }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        assertEquals("cancelled true", result.get(5, TimeUnit.SECONDS));
    }
}
