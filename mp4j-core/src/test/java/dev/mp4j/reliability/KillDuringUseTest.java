package dev.mp4j.reliability;

import dev.mp4j.Barrier;
import dev.mp4j.BarrierBrokenException;
import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.Event;
import dev.mp4j.Lock;
import dev.mp4j.Manager;
import dev.mp4j.Mp4jException;
import dev.mp4j.Pipe;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.RLock;
import dev.mp4j.ResultIterator;
import dev.mp4j.SharedArray;
import dev.mp4j.Value;
import dev.mp4j.WorkerLostException;
import dev.mp4j.testing.Async;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** kill -9 (from outside) of a child in the middle of Pipe traffic, a held lock, a barrier wait, a pool map, a manager call. */
@Timeout(120)
class KillDuringUseTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static byte[] message(int seq) {
        byte[] b = new byte[4 + (seq * 53) % 3000];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(seq);
        for (int i = 4; i < b.length; i++) b[i] = (byte) (seq + i);
        return b;
    }

    /** The sender dies mid-stream: every message whose send returned arrives intact and in order, then end-of-stream. */
    @Test
    void pipeSenderKilled() throws Exception {
        Pipe<byte[]> pipe = Pipe.open(false);
        Connection<byte[]> in = pipe.left(), out = pipe.right();
        Value.OfInt acked = Value.ofInt(-1);
        var sender = new Process("sender", () -> {
            for (int seq = 0; ; seq++) {
                if (seq % 2 == 0) out.send(message(seq)); else out.sendBytes(message(seq));
                acked.set(seq);
            }
        });
        sender.start();
        out.close(); // our copy: end-of-stream comes once the sender's copy is gone
        int next = 0;
        for (; next < 500; next++) check(in, next);
        Kill.nine(sender.pid());
        long killed = System.nanoTime();
        assertTrue(sender.join(Duration.ofSeconds(10)));
        assertEquals(-9, sender.exitCode());
        int lastAcked = acked.get();
        while (true) {
            try {
                check(in, next);
            } catch (ConnectionClosedException e) {
                break;
            }
            next++;
            assertTrue(System.nanoTime() - killed < 30_000_000_000L, "no end-of-stream");
        }
        assertTrue(next > lastAcked, "received up to " + (next - 1) + " but the sender had sent up to " + lastAcked);
        assertTrue(next <= lastAcked + 2, "more messages than were sent");
        System.err.printf("KillDuringUseTest.pipe: %d messages received, sender acked %d%n", next, lastAcked + 1);
        in.close();
        sender.close();
    }

    private static void check(Connection<byte[]> in, int seq) {
        byte[] got = seq % 2 == 0 ? in.recv() : in.recvBytes();
        assertArrayEquals(message(seq), got, "message " + seq);
    }

    /** The holder dies; an acquirer in another process, already waiting, gets the lock within a second and is told. */
    @Test
    void lockHolderKilledWhileAnotherProcessWaits() throws Exception {
        for (boolean reentrant : new boolean[] {false, true}) {
            Lock lock = new Lock();
            RLock rlock = new RLock();
            Event held = new Event(), waiting = new Event();
            Value.OfLong gotAtMillis = Value.ofLong(0);
            Value.OfInt died = Value.ofInt(-1);
            var holder = new Process(() -> {
                if (reentrant) { rlock.acquire(); rlock.acquire(); } else lock.acquire();
                held.set();
                Thread.sleep(60_000);
            });
            var waiter = new Process(() -> {
                held.await();
                waiting.set();
                boolean got = reentrant ? rlock.acquire(Duration.ofSeconds(20)) : lock.acquire(Duration.ofSeconds(20));
                gotAtMillis.set(System.currentTimeMillis());
                if (!got) System.exit(3);
                died.set((reentrant ? rlock.previousOwnerDied() : lock.previousOwnerDied()) ? 1 : 0);
                if (reentrant) rlock.release(); else lock.release();
            });
            holder.start();
            waiter.start();
            assertTrue(waiting.await(Duration.ofSeconds(30)));
            Thread.sleep(200); // let the waiter block in acquire
            long killedAt = System.currentTimeMillis();
            Kill.nine(holder.pid());
            assertTrue(waiter.join(Duration.ofSeconds(20)), "the waiter hangs");
            assertEquals(0, waiter.exitCode());
            long ms = gotAtMillis.get() - killedAt;
            assertTrue(ms < 1000, (reentrant ? "RLock" : "Lock") + " taken over after " + ms + " ms");
            assertEquals(1, died.get(), "previousOwnerDied()");
            holder.join();
            assertEquals(-9, holder.exitCode());
            // usable as ever
            assertTrue(reentrant ? rlock.acquire(Duration.ofSeconds(1)) : lock.acquire(Duration.ofSeconds(1)));
            assertFalse(reentrant ? rlock.previousOwnerDied() : lock.previousOwnerDied(), "released normally by the waiter");
            if (reentrant) rlock.release(); else lock.release();
            System.err.printf("KillDuringUseTest.lock: %s taken over %d ms after the kill%n", reentrant ? "RLock" : "Lock", ms);
            holder.close();
            waiter.close();
        }
    }

    /** A party dies in the wait: the others time out and break the barrier, nobody hangs, reset() restores it. */
    @Test
    void barrierPartyKilledInTheWait() throws Exception {
        Barrier barrier = new Barrier(4);
        var doomed = new Process(() -> { barrier.await(); });
        var survivor = new Process(() -> {
            try {
                barrier.await(Duration.ofSeconds(30));
                System.exit(5); // opened: wrong, one party never came
            } catch (BarrierBrokenException e) {
                System.exit(42);
            }
        });
        doomed.start();
        survivor.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (barrier.nWaiting() < 2) {
            assertTrue(System.nanoTime() < deadline, "parties never arrived");
            Thread.sleep(5);
        }
        Kill.nine(doomed.pid());
        assertTrue(doomed.join(Duration.ofSeconds(10)));
        long t0 = System.nanoTime();
        assertThrows(BarrierBrokenException.class, () -> barrier.await(Duration.ofMillis(500)));
        assertTrue(survivor.join(Duration.ofSeconds(10)), "the surviving party hangs");
        assertEquals(42, survivor.exitCode(), "the surviving party saw the break");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(barrier.isBroken());
        barrier.reset();
        // a full round of four after the reset (threads here: the barrier works across threads alike)
        List<CompletableFuture<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 4; i++) rounds.add(Async.supply(() -> barrier.await(Duration.ofSeconds(10))));
        var indices = rounds.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(0, 1, 2, 3), indices);
        System.err.printf("KillDuringUseTest.barrier: broken and every party released %d ms after the timeout began%n", ms);
        doomed.close();
        survivor.close();
    }

    /** A worker killed during map fails only its own task, naming -9; the other results come back and the pool goes on. */
    @Test
    void poolWorkerKilledDuringMap() throws Exception {
        Value.OfLong victimPid = Value.ofLong(0);
        int victim = 7, n = 20;
        try (Pool pool = new Pool(2)) {
            ResultIterator<Integer> results = pool.imap(x -> {
                if (x == victim) {
                    victimPid.set(ProcessHandle.current().pid());
                    Thread.sleep(60_000);
                }
                Thread.sleep(20);
                return x * x;
            }, IntStream.range(0, n).boxed().toList(), 1);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (victimPid.get() == 0) {
                assertTrue(System.nanoTime() < deadline, "task never started");
                Thread.sleep(5);
            }
            Kill.nine(victimPid.get());
            int ok = 0;
            for (int x = 0; x < n; x++) {
                if (x == victim) {
                    var e = assertThrows(WorkerLostException.class, () -> results.next(Duration.ofSeconds(30)));
                    assertTrue(e.getMessage().contains("-9"), e.getMessage());
                } else {
                    assertEquals(x * x, results.next(Duration.ofSeconds(30)));
                    ok++;
                }
            }
            assertFalse(results.hasNext());
            assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2)), "the pool goes on");
            System.err.printf("KillDuringUseTest.pool: %d of %d tasks succeeded, the killed one failed with WorkerLostException%n", ok, n);
        }
    }

    public interface Slow {
        long pid();

        long sleep(long millis) throws InterruptedException;
    }

    public static final class SlowImpl implements Slow {
        @Override public long pid() { return ProcessHandle.current().pid(); }

        @Override public long sleep(long millis) throws InterruptedException { Thread.sleep(millis); return millis; }
    }

    /** The manager server dies during a call: that call and the next ones fail with an Mp4jException, nothing hangs. */
    @Test
    void managerKilledDuringACall() throws Exception {
        var m = Manager.builder().register("slow", Slow.class, SlowImpl::new).start();
        try {
            Slow slow = m.create("slow");
            Map<String, Integer> dict = m.dict();
            dict.put("a", 1);
            long serverPid = slow.pid();
            var inCall = Async.supply(() -> {
                try {
                    return "returned " + slow.sleep(60_000);
                } catch (Mp4jException e) {
                    return "Mp4jException";
                } catch (Throwable t) {
                    return t.toString();
                }
            });
            Thread.sleep(300);
            Kill.nine(serverPid);
            long killed = System.nanoTime();
            assertEquals("Mp4jException", inCall.get(5, TimeUnit.SECONDS));
            assertThrows(Mp4jException.class, () -> dict.get("a"));
            assertThrows(Mp4jException.class, () -> dict.put("b", 2));
            long ms = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(ms < 5000, ms + " ms");
            System.err.printf("KillDuringUseTest.manager: the call in flight and two later calls failed within %d ms%n", ms);
        } finally {
            var closing = Async.run(m::close);
            closing.get(10, TimeUnit.SECONDS);
        }
    }
}
