package dev.mp4j;

import dev.mp4j.testing.NoLeftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's test_multiprocessing pipe, connection and listener tests, across real child JVMs. */
@Timeout(120)
class PipeProcessTest {
    @AfterAll
    static void nothingLeft() {
        NoLeftovers.check();
    }

    private static Process started(SerializableRunnable target) {
        var p = new Process(target);
        p.start();
        return p;
    }

    private static void joined(Process p, int exitCode) {
        assertTrue(p.join(Duration.ofSeconds(60)), "child still running");
        assertEquals(exitCode, p.exitCode());
    }

    @Test
    void echoChildObjectsAndBytes() {
        Pipe<Object> pipe = Pipe.open();
        Connection<Object> child = pipe.right();
        var p = started(() -> {
            while (true) {
                byte[] m = child.recvBytes();
                if (java.util.Arrays.equals(m, new byte[] {7, 7, 7})) break;
                child.sendBytes(m);
            }
        });
        child.close();
        Connection<Object> me = pipe.left();
        for (Object o : new Object[] {"text", 42, null, List.of(1, "a"), new byte[] {9, 8}}) {
            me.send(o);
            Object back = me.recv();
            if (o instanceof byte[] b) assertArrayEquals(b, (byte[]) back); else assertEquals(o, back);
        }
        me.sendBytes(new byte[0]);
        assertArrayEquals(new byte[0], me.recvBytes());
        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i += 997) big[i] = (byte) i;
        me.sendBytes(big);
        assertArrayEquals(big, me.recvBytes());
        me.sendBytes(new byte[] {7, 7, 7});
        joined(p, 0);
    }

    @Test
    void endOfStreamOnceTheChildsCopyIsGone() {
        Pipe<Integer> pipe = Pipe.open();
        Connection<Integer> w = pipe.right();
        var p = started(() -> { for (int i = 0; i < 5; i++) w.send(i); });
        w.close(); // as in Python: the parent must close its own copy of the child's end
        for (int i = 0; i < 5; i++) assertEquals(i, pipe.left().recv());
        assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
        joined(p, 0);
    }

    @Test
    void noEndOfStreamWhileTheParentStillHoldsACopy() {
        Pipe<Integer> pipe = Pipe.open();
        Connection<Integer> w = pipe.right();
        var p = started(() -> w.send(1));
        joined(p, 0);
        assertEquals(1, pipe.left().recv());
        assertFalse(pipe.left().poll(Duration.ofMillis(300)), "our copy of the other end is still open");
        w.close();
        assertTrue(pipe.left().poll(Duration.ofSeconds(5)));
        assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
    }

    @Test
    void endOfStreamWhenTheHolderIsKilled() {
        Pipe<Integer> pipe = Pipe.open();
        Connection<Integer> other = pipe.right();
        var p = started(() -> { other.send(1); Thread.sleep(60_000); });
        other.close();
        assertEquals(1, pipe.left().recv());
        p.kill();
        var e = assertThrows(ConnectionClosedException.class, () -> pipe.left().recv());
        assertNotNull(e.getMessage());
        joined(p, -9);
    }

    @Test
    void childSeesEndOfStreamWhenTheParentCloses() {
        Pipe<Integer> pipe = Pipe.open(false);
        Connection<Integer> r = pipe.left();
        var p = started(() -> {
            try {
                while (true) r.recv();
            } catch (ConnectionClosedException e) {
                System.exit(3);
            }
        });
        r.close();
        pipe.right().send(1);
        pipe.right().close();
        joined(p, 3);
    }

    @Test
    void oneWayPipeToAChildAndDirectionErrorsThere() {
        Pipe<String> pipe = Pipe.open(false);
        Connection<String> r = pipe.left(), w = pipe.right();
        var results = new Queue<String>();
        var p = started(() -> {
            results.put(r.recv());
            try { r.send("no"); } catch (IllegalStateException e) { results.put("read-only"); }
        });
        w.send("to child");
        assertEquals("to child", results.get(Duration.ofSeconds(30)));
        assertEquals("read-only", results.get(Duration.ofSeconds(30)));
        joined(p, 0);
    }

    @Test
    void waitReadyOnConnectionsAndProcesses() {
        Pipe<Integer> p1 = Pipe.open(), p2 = Pipe.open();
        Connection<Integer> c1 = p1.right();
        var gate = new Queue<Integer>();
        var sleeper = started(() -> gate.get());
        var sender = started(() -> { c1.send(5); Thread.sleep(60_000); });
        try {
            List<Object> ready = Connection.waitReady(List.of(p1.left(), p2.left(), sleeper, sender), Duration.ofSeconds(30));
            assertEquals(List.of(p1.left()), ready);
            assertSame(p1.left(), ready.get(0));
            assertEquals(5, p1.left().recv());
            assertEquals(List.of(), Connection.waitReady(List.of(p1.left(), p2.left(), sleeper, sender), Duration.ofMillis(100)));
            gate.put(1);
            ready = Connection.waitReady(List.of(p1.left(), p2.left(), sleeper, sender), Duration.ofSeconds(30));
            assertEquals(List.of(sleeper), ready);
            assertSame(sleeper, ready.get(0));
            joined(sleeper, 0);
        } finally {
            sender.kill();
            sender.join();
            sleeper.kill();
            sleeper.join();
        }
        assertEquals(-9, sender.exitCode());
    }

    @Test
    void listenerAndClientAcrossProcessesWithKeys() {
        byte[] key = "shared secret".getBytes();
        try (var listener = new Listener(new InetSocketAddress("127.0.0.1", 0), key)) {
            SocketAddress address = listener.address();
            var good = started(() -> {
                try (Connection<String> c = Client.connect(address, "shared secret".getBytes())) {
                    c.send("hello from " + ProcessHandle.current().pid());
                    c.send(c.recv().toUpperCase());
                }
            });
            try (Connection<String> c = listener.accept()) {
                assertTrue(c.recv().startsWith("hello from "));
                c.send("echo");
                assertEquals("ECHO", c.recv());
                assertThrows(ConnectionClosedException.class, c::recv);
            }
            joined(good, 0);
            var bad = started(() -> {
                try {
                    Client.connect(address, "wrong".getBytes());
                } catch (AuthenticationException e) {
                    System.exit(5);
                }
            });
            assertThrows(AuthenticationException.class, listener::accept);
            joined(bad, 5);
        }
    }
}
