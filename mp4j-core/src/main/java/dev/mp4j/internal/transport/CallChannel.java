package dev.mp4j.internal.transport;

import dev.mp4j.ConnectionClosedException;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.ProcessIdentity;
import dev.mp4j.internal.shm.Segment;
import dev.mp4j.internal.sync.SpinBudget;
import dev.mp4j.internal.sync.Waits;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request/reply line in shared memory between one client connection and the server thread serving it. Calls
 * strictly alternate, so a single buffer carries the request, then the reply, and only the side whose turn it is
 * touches it: no locks, no journal, a few dozen bytecodes per message (cheap for the interpreter and quick to
 * compile, which is most of a fresh JVM's first thousands of calls).
 *
 * <p><b>Turns.</b> One int, {@code TURN}: even, the client's turn (to write a request); odd, the server's. The side
 * holding the turn writes a message and adds 1. A message longer than the buffer goes in chunks, each chunk
 * acknowledged by the reader handing the turn back empty. Closing adds 2 (the parity, so whose turn it is, stays)
 * so that a sleeper wakes and sees the close.
 *
 * <p><b>Waiting.</b> The side waiting for its turn spins for a while (a quick call is answered within a few
 * microseconds when both processes have a core), then registers in its {@code SLEEPING} flag and sleeps on the
 * futex word; the other side wakes it only when the flag is set, so a busy pair makes no system calls. Spinning only
 * pays while the peer runs on a core of its own, so the spin budget adapts: see {@link SpinBudget}.
 *
 * <p>Sleepers check now and then that the peer process still lives, so a peer killed outright ends the wait with
 * {@link ConnectionClosedException}, as does either side's {@link #close()}. Blocking calls throw {@link java.util.concurrent.CancellationException} on interrupt.
 */
public final class CallChannel {
    public static final int CLIENT = 0, SERVER = 1;
    private static final long TURN = 0;          // int, futex word
    private static final long SLEEPING = 64;     // int per side, on a line of its own: 64, 128
    private static final long CLOSED = 192;      // int per side: 192, 196
    private static final long IDENTITY = 256;    // per side: long pid, long start time: 256, 272
    /** long: the whole message's length (high int) and the bytes of it in the buffer now (low int); one access, not two. */
    private static final long SIZES = 320;
    private static final long DATA = 4096;
    /** Buffer size: a sparse file, so only the pages messages touch cost memory. */
    static final int CAPACITY = 1 << 20;
    private static final long LIVENESS_NANOS = 100_000_000;
    private static final long SLEEP_SLICE_NANOS = 50_000_000;

    private final Segment segment;
    private final MemorySegment mem;
    private final int side;
    private final SpinBudget spin; // each end is used by one thread at a time
    private final AtomicBoolean closed = new AtomicBoolean();

    private CallChannel(Segment segment, int side, long spinNanos) {
        this.segment = segment;
        this.mem = segment.memory();
        this.side = side;
        this.spin = new SpinBudget(spinNanos);
        // volatile: the peer reads our identity while it sleeps; the socket exchange that introduces the two ends
        // orders these writes before any of its reads anyway, volatile only rules out tearing
        Mem.LONG.setVolatile(mem, IDENTITY + 16L * side + 8, ProcessIdentity.START);
        Mem.LONG.setVolatile(mem, IDENTITY + 16L * side, ProcessIdentity.PID);
    }

    /** The client's end of a new channel; hand {@link #ticket()} to the server, which {@link #attach}es it. */
    public static CallChannel create(long spinNanos) {
        return new CallChannel(Segment.create(DATA + CAPACITY), CLIENT, spinNanos);
    }

    /** What travels to the server (through the codec) so it can attach. */
    public Serializable ticket() { return new Ticket(segment); }

    /** The server's end of the channel a client created; {@code null} if {@code ticket} is not one. */
    public static CallChannel attach(Object ticket, long spinNanos) {
        if (!(ticket instanceof Ticket t)) return null;
        return new CallChannel(t.segment, SERVER, spinNanos);
    }

    /** Writes {@code message} and hands the turn over; waits only for a long message's chunks to be taken. */
    public void send(Encoded message) {
        int total = message.length();
        int done = 0;
        awaitTurn(); // returns at once in proper use: a side only sends when it holds the turn
        while (true) {
            int n = Math.min(CAPACITY, total - done);
            copy(message, done, n);
            // plain writes: the volatile add in post() publishes them with the turn
            mem.set(ValueLayout.JAVA_LONG, SIZES, (long) total << 32 | n);
            post();
            done += n;
            if (done == total) return;
            awaitTurn(); // the reader took this chunk
        }
    }

    /** Waits for the turn and reads the message the peer wrote. */
    public byte[] receive() {
        awaitTurn();
        // plain reads: the volatile read of TURN that handed us the turn ordered the peer's writes before them
        long sizes = mem.get(ValueLayout.JAVA_LONG, SIZES);
        int total = (int) (sizes >>> 32);
        if (total < 0 || total > Integer.MAX_VALUE - 16) throw new ConnectionClosedException("corrupt message length " + total);
        byte[] bytes = new byte[total];
        int done = 0;
        while (true) {
            int n = (int) sizes;
            if (n < 0 || n > CAPACITY || n > total - done) throw new ConnectionClosedException("corrupt chunk length " + n);
            MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, DATA, bytes, done, n);
            done += n;
            if (done == total) return bytes;
            post(); // hand the turn back for the next chunk
            awaitTurn();
            sizes = mem.get(ValueLayout.JAVA_LONG, SIZES);
        }
    }

    /** Whether the peer closed its end or died (a server's check on a caller that waits in a servant). */
    public boolean peerGone() {
        return closed.get() || (int) Mem.INT.getVolatile(mem, CLOSED + 4L * (1 - side)) != 0 || !peerAlive();
    }

    /** Ends this side's use; the peer, waiting or not, sees end-of-stream. Repeatable. */
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        Mem.INT.setVolatile(mem, CLOSED + 4L * side, 1);
        Mem.INT.getAndAdd(mem, TURN, 2); // a change of the futex word (parity kept) so that a sleeper wakes
        Futex.wake(mem, TURN, Integer.MAX_VALUE);
    }

    public boolean isClosed() { return closed.get(); }

    private void copy(Encoded m, int from, int n) {
        int head = m.headLength();
        int fromHead = Math.max(0, Math.min(n, head - from));
        if (fromHead > 0) MemorySegment.copy(m.head(), from, mem, ValueLayout.JAVA_BYTE, DATA, fromHead);
        if (n > fromHead) {
            int tailFrom = from + fromHead - head;
            MemorySegment.copy(m.tail(), m.tailOffset() + tailFrom, mem, ValueLayout.JAVA_BYTE, DATA + fromHead, n - fromHead);
        }
    }

    /** Hands the turn to the peer, waking it if it sleeps. */
    private void post() {
        // volatile read-modify-write: releases the message written before it, and (a full fence) orders it before
        // the read of the peer's SLEEPING flag, mirroring the sleeper's store-then-read in sleep(): one of us sees the other
        Mem.INT.getAndAdd(mem, TURN, 1);
        if ((int) Mem.INT.getVolatile(mem, SLEEPING + 64L * (1 - side)) != 0) Futex.wake(mem, TURN, 1);
    }

    private boolean mine(int turn) { return (turn & 1) == side; }

    private void awaitTurn() {
        // volatile (acquire) read: once it shows our turn, the peer's message written before its post is visible.
        // No close checks on this path (each costs shared-memory reads, which a cold JVM pays dearly for): the
        // peer's message is there even if it closed since, and a closed end's next wait throws
        if (mine((int) Mem.INT.getVolatile(mem, TURN))) return;
        long limit = spin.next();
        if (limit > 0) {
            long start = System.nanoTime();
            for (int i = 1; ; i++) {
                Thread.onSpinWait();
                if (mine((int) Mem.INT.getVolatile(mem, TURN))) {
                    spin.caught(System.nanoTime() - start, limit);
                    return;
                }
                if ((i & 15) == 0 && System.nanoTime() - start > limit) break;
            }
            spin.missed();
        }
        sleep();
    }

    private void sleep() {
        long sleepingFlag = SLEEPING + 64L * side;
        // volatile store, then volatile read of TURN: see post()
        Mem.INT.setVolatile(mem, sleepingFlag, 1);
        try {
            long nextLivenessCheck = System.nanoTime() + LIVENESS_NANOS;
            while (true) {
                int turn = (int) Mem.INT.getVolatile(mem, TURN);
                if (mine(turn)) return;
                checkOpen();
                Waits.checkInterrupt();
                Futex.await(mem, TURN, turn, SLEEP_SLICE_NANOS);
                if (System.nanoTime() - nextLivenessCheck > 0) {
                    if (!mine((int) Mem.INT.getVolatile(mem, TURN)) && !peerAlive())
                        throw new ConnectionClosedException("the process at the other end of the manager connection died");
                    nextLivenessCheck = System.nanoTime() + LIVENESS_NANOS;
                }
            }
        } finally {
            Mem.INT.setVolatile(mem, sleepingFlag, 0);
        }
    }

    private void checkOpen() {
        if (closed.get()) throw new ConnectionClosedException("the manager connection was closed");
        // volatile: set by the peer's close(), which then bumps TURN; seen here at the latest after that bump wakes us
        if ((int) Mem.INT.getVolatile(mem, CLOSED + 4L * (1 - side)) != 0 && !mine((int) Mem.INT.getVolatile(mem, TURN)))
            throw new ConnectionClosedException("the other end of the manager connection closed");
    }

    private boolean peerAlive() {
        long at = IDENTITY + 16L * (1 - side);
        long pid = (long) Mem.LONG.getVolatile(mem, at);
        return pid == 0 || ProcessIdentity.isAlive(pid, (long) Mem.LONG.getVolatile(mem, at + 8));
    }

    @Override
    public String toString() {
        return "CallChannel(" + (side == CLIENT ? "client" : "server") + ", turn " + (int) Mem.INT.getVolatile(mem, TURN)
            + (closed.get() ? ", closed" : "") + ")";
    }

    /** The client's channel on its way to the server: the segment re-attaches on arrival. */
    record Ticket(Segment segment) implements Serializable {
        @Serial private static final long serialVersionUID = 1L;
    }
}
