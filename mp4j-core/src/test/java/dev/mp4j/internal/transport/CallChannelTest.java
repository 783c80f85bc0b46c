package dev.mp4j.internal.transport;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Encoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The manager's request/reply channel, both ends in this process (a thread each). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallChannelTest {
    private static Encoded encoded(Object value) {
        Encoded e = new Encoded();
        Codec.encode(value, e);
        return e;
    }

    private static Object decoded(byte[] bytes) { return Codec.decode(bytes); }

    @Test
    void requestsAndRepliesTakeTurnsWithSleepsBetween() throws Exception {
        CallChannel client = CallChannel.create(0); // no spin: every wait sleeps on the futex
        CallChannel server = CallChannel.attach(client.ticket(), 0);
        var serving = CompletableFuture.runAsync(() -> {
            while (true) {
                Object request;
                try {
                    request = decoded(server.receive());
                } catch (ConnectionClosedException e) {
                    return;
                }
                server.send(encoded("re:" + request));
            }
        });
        for (int i = 0; i < 2000; i++) {
            client.send(encoded(i));
            assertEquals("re:" + i, decoded(client.receive()));
        }
        client.close();
        serving.get(10, TimeUnit.SECONDS); // the server's wait ended with end-of-stream
        assertTrue(server.peerGone());
        server.close();
    }

    @Test
    void messagesLargerThanTheBufferGoInChunks() throws Exception {
        CallChannel client = CallChannel.create(50_000);
        CallChannel server = CallChannel.attach(client.ticket(), 50_000);
        byte[] big = new byte[CallChannel.CAPACITY * 3 + 12345];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + 7);
        var serving = CompletableFuture.runAsync(() -> {
            byte[] request = (byte[]) decoded(server.receive());
            byte[] reply = Arrays.copyOf(request, request.length + 1);
            server.send(encoded(reply));
        });
        client.send(encoded(big));
        byte[] back = (byte[]) decoded(client.receive());
        serving.get(10, TimeUnit.SECONDS);
        assertEquals(big.length + 1, back.length);
        assertArrayEquals(big, Arrays.copyOf(back, big.length));
        client.close();
        server.close();
    }

    @Test
    void aCloseWakesTheWaitingPeerAndAnInterruptEndsAWait() throws Exception {
        CallChannel client = CallChannel.create(50_000);
        CallChannel server = CallChannel.attach(client.ticket(), 50_000);
        client.send(encoded("no answer"));
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                client.receive();
                return "returned";
            } catch (ConnectionClosedException e) {
                return "closed";
            }
        });
        Thread.sleep(200); // asleep on the futex by now
        assertFalse(waiting.isDone());
        server.close();
        assertEquals("closed", waiting.get(5, TimeUnit.SECONDS));
        client.close();

        CallChannel c2 = CallChannel.create(50_000);
        CallChannel s2 = CallChannel.attach(c2.ticket(), 50_000);
        Thread waiter = Thread.currentThread();
        var interrupter = CompletableFuture.runAsync(() -> {
            try { Thread.sleep(200); } catch (InterruptedException ignored) { }
            waiter.interrupt();
        });
        assertThrows(CancellationException.class, s2::receive);
        assertTrue(Thread.interrupted());
        interrupter.get(5, TimeUnit.SECONDS);
        c2.close();
        s2.close();
    }
}
