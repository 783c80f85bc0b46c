package dev.mp4j.internal.messaging;

import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.Segment;
import dev.mp4j.internal.sync.LockCore;
import dev.mp4j.internal.sync.Spin;
import dev.mp4j.internal.sync.Waits;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.LockSupport;

/**
 * A multi-producer multi-consumer ring of whole messages in a shared {@link Segment}: the machinery under
 * Queue, SimpleQueue and each direction of a Pipe.
 *
 * <p><b>Layout.</b> A {@value #HEADER}-byte control block at {@code base}, then {@code capacity} data bytes.
 * Each record is 8-byte aligned: {@code int length, int kind, payload, padding}. Kind {@link #WRAP} means
 * "skip to the start of the next lap". Positions {@code W} (written) and {@code R} (read) only grow; the
 * physical offset is {@code position % capacity} (a power of two); {@code W - R} bytes are in use. The data area is a sparse
 * file: pages cost memory only once touched, and a producer that finds the ring empty jumps back to offset 0
 * (recorded beside {@code W} as {@code JUMP_FROM -> JUMP_TO}, taking no room), so a queue kept drained stays on
 * a few hot pages; a busy one jumps back once its consumers are far enough into the lap ({@link #plan}), and a
 * producer far ahead of live consumers waits for them rather than touch fresh pages ({@link #aheadOnFreshPages}).
 *
 * <p><b>Crash safety.</b> Producers serialize on a put {@link LockCore}, consumers on a get LockCore; both
 * recover from a dead holder. A producer copies the payload beyond {@code W}, then journals the new
 * {@code (W, count)}, then publishes them: a producer killed while copying leaves nothing visible (the next one
 * overwrites the bytes), and one killed while publishing is completed from the journal by whoever takes the lock
 * next. Consumers journal {@code (R, count)} the same way. So a message is delivered exactly once or, if its put
 * never finished, never.
 *
 * <p><b>Waiting.</b> Event counts on futex words: a consumer that finds the ring empty spins briefly, then
 * registers in {@code getWaiters}, re-checks and sleeps on {@code putSignal}; a producer bumps and wakes that word
 * only if someone registered, so a busy pair makes no system calls. Producers waiting for room do the mirror.
 */
final class Ring {
    /** Control block size; data follows. */
    static final long HEADER = 512;
    static final int ITEM = 1, WRAP = 2;

    // Control block, one cache line per concern so producers and consumers do not share lines.
    private static final long PUT_LOCK = 0;            // LockCore, 64 bytes
    private static final long W = 64, PUT_COUNT = 72, J_W = 80, J_PUT_COUNT = 88, J_PUT = 96;   // long, long, long, long, int
    private static final long JUMP_FROM = 104, JUMP_TO = 112; // longs: the last jump back to a lap's start
    private static final long TOUCHED = 120;           // long: data offsets below it have been written at least once
    private static final long GET_LOCK = 128;          // LockCore
    private static final long R = 192, GET_COUNT = 200, J_R = 208, J_GET_COUNT = 216, J_GET = 224;
    // Consumers sleep on PUT_SIGNAL, producers on GET_SIGNAL. Who sleeps registers: the holder of the get (put)
    // lock in a flag of its own, which whoever takes the lock over from a dead holder clears, so a consumer killed
    // while waiting does not leave producers signalling forever; poll() waiters, who hold no lock, in a count.
    // The two registrations of a side share one aligned long, so a signaller reads both in one access.
    private static final long PUT_SIGNAL = 256, GET_WAITERS = 264, GET_HOLDER_WAITING = 268;
    private static final long GET_SIGNAL = 320, PUT_WAITERS = 328, PUT_HOLDER_WAITING = 332;
    private static final long CAPACITY = 384, MIXED = 392; // MIXED: int, 1 once a process without futexes uses the ring
    /**
     * How long a waiter busy-waits before it sleeps, and for how much of that it spins without yielding (see
     * {@link Spin}): a reply due within this long (a pool worker's, a pipe peer's) is caught awake.
     */
    private static final long SPIN_NANOS = Spin.BUSY_NANOS, PURE_SPIN_NANOS = Spin.PURE_NANOS;
    private static final int SPIN_PAUSES = Integer.getInteger("mp4j.spinPauses", 4);
    private static final int BATCH_PAUSES = Integer.getInteger("mp4j.queue.spinPauses", 20);
    /**
     * Queues only (see {@link #batchConsumers}): how long a consumer that has caught up spins, then how long it naps
     * in short sleeps (50 us for the first millisecond, then {@code NAP_SLICE_NANOS}) before it registers and sleeps
     * until signalled. System properties mp4j.queue.spinNanos, mp4j.queue.napNanos, mp4j.queue.napSliceNanos.
     */
    private static final int BATCH_SPIN_NANOS = Integer.getInteger("mp4j.queue.spinNanos", 20_000);
    private static final long NAP_NANOS = Long.getLong("mp4j.queue.napNanos", 200_000_000);
    private static final long NAP_SLICE_NANOS = Long.getLong("mp4j.queue.napSliceNanos", 200_000);
    private static final long FIRST_NAP_SLICE_NANOS = 50_000, FIRST_NAPS_NANOS = 1_000_000;
    /** Without futexes a sleeping waiter is woken late (the portable wait polls); yielding first keeps up with a busy peer. */
    private static final long YIELD_NANOS = 2_000_000;
    private static final long RESTART_AFTER = 64 << 10, JUMP_CHECK_BYTES = 256 << 10;
    /** Pacing (see {@link #aheadOnFreshPages}): how long a paced producer sleeps between looks, and gives up after. */
    private static final long PACE_SLICE_NANOS = 50_000, PACE_STALL_NANOS = 5_000_000;


    private final Segment segment;
    private final MemorySegment mem;
    private final long base, data, capacity, mask, softRoom, lead; // capacity is a power of two: offsets by masking, not division
    private final LockCore putLock, getLock;
    /**
     * This process's last look at the other side's position. Positions only grow, so a stale value is a safe
     * under-estimate: a producer re-reads R (a cache miss on the consumers' line) only when the cached value says
     * there is no room, and a consumer re-reads W only when it has caught up with the cached value.
     */
    private long cachedR, cachedW, cachedGetCount, cachedJumpFrom, cachedJumpTo, lastJumpCheck;
    /** R when this process last gave up pacing because consumers did not move: no pacing again until they do. */
    private long stalledAt = -1;
    private long paceStallNanos = PACE_STALL_NANOS;
    /**
     * The producer's fields as this process's last put left them, valid while W is still {@code putW} (no put
     * published since) and the put lock was released normally since (not taken over): only a put writes them, and
     * one that does not publish (a timeout, a death) invalidates this copy first or leaves the lock to be taken
     * over. A lone producer then reads W alone, instead of five shared fields per put. Guarded by the put lock.
     */
    private long putW = -1, putJumpFrom, putJumpTo, putTouched, putCount;
    /** Pauses between a waiting consumer's looks at W, and how long it spins (see {@link #batchConsumers}). */
    private int takePauses = SPIN_PAUSES;
    private long takeSpinNanos = SPIN_NANOS;
    private boolean takeNaps;

    /** Formats a fresh ring (the segment is zero-filled, so only the capacity needs writing). */
    static Ring create(Segment segment, long base, long capacity) {
        if (Long.bitCount(capacity) != 1 || capacity < 64) throw new IllegalArgumentException("ring capacity must be a power of two: " + capacity);
        Mem.LONG.setVolatile(segment.memory(), base + CAPACITY, capacity);
        return new Ring(segment, base);
    }

    /** Attaches to a ring formatted at {@code base} of {@code segment}. */
    Ring(Segment segment, long base) {
        this.segment = segment;
        this.mem = segment.memory();
        this.base = base;
        this.data = base + HEADER;
        this.capacity = (long) Mem.LONG.getVolatile(mem, base + CAPACITY);
        this.mask = capacity - 1;
        this.softRoom = capacity / 16;
        this.lead = capacity / 32;
        this.putLock = new LockCore(segment, base + PUT_LOCK, false);
        this.getLock = new LockCore(segment, base + GET_LOCK, false);
        if (!Futex.isNative() && (int) Mem.INT.getVolatile(mem, base + MIXED) == 0) Mem.INT.setVolatile(mem, base + MIXED, 1);
    }

    /**
     * Whether some process using this ring wakes sleepers only by polling (no native access there). Only a spin
     * policy hint (then a waiter yield-spins 2 ms before sleeping); the wake-up slices themselves are Futex's
     * business, which tracks the same fact per segment but does not expose it.
     */
    private boolean mixed() { return (int) Mem.INT.getOpaque(mem, base + MIXED) != 0; }

    static long footprint(long capacity) { return HEADER + capacity; }

    /**
     * Makes a consumer that has caught up look at W about once a microsecond rather than every few pauses. Each look
     * pulls the line producers write, so a producer streaming small items to a faster consumer paid a cache miss
     * per put, and the consumer one per get; looking less often lets a few items pile up between looks, which the
     * consumer then takes from its cached W with no miss. Costs a waiting get up to a microsecond: for queues,
     * not for pipes, whose round trip is the waiting itself.
     *
     * <p>Also makes a consumer that finds the ring empty spin only {@value #BATCH_SPIN_NANOS} ns, then nap in short
     * sleeps for up to {@link #NAP_NANOS} (200 ms) before it registers as a sleeper:
     * <ul>
     * <li>A producer slower than its consumer (a child JVM whose code is still interpreted or being compiled, a
     *     producer doing work between puts) otherwise has its consumer spinning on a core beside it: on a small
     *     machine that core is the one the producer's JIT compiler threads need, and a fresh child's first hundred
     *     thousand small puts took two to three times as long next to a spinning consumer as alone.</li>
     * <li>A napping consumer is not registered, so producers make no system call for it, and a producer child that
     *     starts while its consumer naps (the consumer called get() before the child was up) puts its first items
     *     without linking the futex syscall first, 30-80 ms in a cold JVM.</li>
     * </ul>
     * It costs a get on an empty queue up to a slice: 50 us in the first millisecond, then {@link #NAP_SLICE_NANOS}
     * (200 us; Python's queue takes about 100 us to deliver to a waiting get), and a consumer left waiting about
     * 2 % of a core until it registers.
     */
    Ring batchConsumers() {
        takePauses = BATCH_PAUSES;
        takeSpinNanos = BATCH_SPIN_NANOS;
        takeNaps = true;
        return this;
    }

    /** For tests: how long consumers may stand still before a paced producer goes ahead. */
    void paceStallNanos(long nanos) { paceStallNanos = nanos; }

    /** For tests: whether a consumer is registered as a sleeper (a napping one is not). */
    boolean consumersRegistered() { return (long) Mem.LONG.getVolatile(mem, base + GET_WAITERS) != 0; }

    /** For tests: the highest data offset ever written. */
    long touched() { return (long) Mem.LONG.getVolatile(mem, base + TOUCHED); }

    Segment segment() { return segment; }

    /** Largest payload one record can hold. */
    long maxMessage() { return capacity - 16; }

    /** Checked before each wait and after each wake-up; throws to abandon the operation. */
    interface Guard { void check(); }

    /** Copies a message's payload into the ring at the given offset. */
    interface Payload {
        int length();
        void copyTo(MemorySegment mem, long offset);
    }

    /** Reads a message in place; runs under the get lock, so it should copy, not linger. */
    interface Reader<R> { R read(MemorySegment mem, long offset, int length); }

    // ---------------------------------------------------------------- producer side

    /**
     * Appends one message, waiting until the ring has room and fewer than {@code maxItems} (<= 0: no limit)
     * messages are in it, or until {@code deadline}. {@code guard} runs before every wait.
     *
     * @return false on timeout (nothing written)
     */
    boolean put(Payload payload, long maxItems, long deadline, Guard guard) {
        int len = payload.length();
        if (len > maxMessage()) throw new IllegalArgumentException("message of " + len + " bytes exceeds the buffer's " + maxMessage());
        int locked = lock(putLock, deadline);
        if (locked == TIMED_OUT) return false;
        try {
            if (locked == TAKEN_OVER) recoverPut();
            long need = 8 + align(len);
            // Plain reads, each once: only holders of the put lock write W, the jump, TOUCHED and PUT_COUNT, and we
            // hold it. (Every shared-memory access costs a cold JVM hundreds of nanoseconds until the JIT has compiled
            // it.) If W is where our own last put left it, so are the others: no need to read them (see putW).
            long w = (long) Mem.LONG.get(mem, base + W);
            long from, to, touched, count;
            if (w == putW && locked == TAKEN) {
                from = putJumpFrom;
                to = putJumpTo;
                touched = putTouched;
                count = putCount;
            } else {
                from = (long) Mem.LONG.get(mem, base + JUMP_FROM);
                to = (long) Mem.LONG.get(mem, base + JUMP_TO);
                if (from >= w && to != 0) {
                    // a jump recorded by a producer that died before publishing it: it must not apply to our record
                    Mem.LONG.set(mem, base + JUMP_FROM, 0L);
                    Mem.LONG.setRelease(mem, base + JUMP_TO, 0L);
                    from = to = 0;
                }
                touched = (long) Mem.LONG.get(mem, base + TOUCHED); // a hint for pacing (see aheadOnFreshPages)
                count = (long) Mem.LONG.get(mem, base + PUT_COUNT);
            }
            putW = -1; // until this put has published: a put that times out or fails leaves no copy behind
            long start;
            while (true) {
                long r = cachedR;
                if ((w & mask) > RESTART_AFTER && w - lastJumpCheck >= JUMP_CHECK_BYTES) { // time to look for a jump back
                    lastJumpCheck = w;
                    r = cachedR = (long) Mem.LONG.getAcquire(mem, base + R);
                }
                start = plan(w, r, need, from, to);
                if (start + need - effectiveR(w, r, from, to) > capacity) { // no room by the cached view: look again
                    r = cachedR = (long) Mem.LONG.getAcquire(mem, base + R);
                    start = plan(w, r, need, from, to);
                }
                boolean room = start + need - effectiveR(w, r, from, to) <= capacity;
                boolean belowMax = maxItems <= 0 || belowMax(maxItems);
                if (room && belowMax) {
                    if (!aheadOnFreshPages(start, need, touched) || !paceUntilConsumersCatchUp(start, deadline, guard)) break;
                    continue; // they caught up: plan again (a jump back may be due now)
                }
                long seenR = r;
                if (room && spinUntilChanged(GET_COUNT, cachedGetCount, deadline)) continue;
                if (!waitFor(GET_SIGNAL, PUT_HOLDER_WAITING, deadline, guard, () -> {
                    long r2 = (long) Mem.LONG.getVolatile(mem, base + R);
                    return r2 != seenR || (maxItems > 0 && count() < maxItems);
                })) return false;
                cachedR = (long) Mem.LONG.getAcquire(mem, base + R);
            }
            if (start != w) {
                if ((w & mask) + need > capacity) {
                    writeHeader(w, 0, WRAP); // end of the ring: a marker in the ring itself
                } else {
                    Mem.LONG.set(mem, base + JUMP_FROM, w); // a jump back: recorded beside W, published with it
                    Mem.LONG.set(mem, base + JUMP_TO, start);
                    from = w;
                    to = start;
                }
            }
            payload.copyTo(mem, data + (start & mask) + 8);
            writeHeader(start, len, ITEM);
            // plain: a hint for pacing, written under the put lock; a stale value only changes when a producer waits
            if ((start & mask) + need > touched) {
                touched = (start & mask) + need;
                Mem.LONG.set(mem, base + TOUCHED, touched);
            }
            count++;
            publish(J_PUT, J_W, start + need, J_PUT_COUNT, count, W, PUT_COUNT);
            putW = start + need;
            putJumpFrom = from;
            putJumpTo = to;
            putTouched = touched;
            putCount = count;
        } finally {
            putLock.releaseHeld();
        }
        signal(PUT_SIGNAL, GET_WAITERS);
        return true;
    }

    /**
     * The consumers' position as far as room goes: a published jump not yet followed counts as followed, since
     * nothing lies between its two ends.
     */
    private static long effectiveR(long w, long r, long from, long to) {
        return r == from && to > from && w > from ? to : r;
    }

    /**
     * Where a record of {@code need} bytes goes: at {@code w}, or at the start of the next lap. It must go there
     * when the ring's end is near (a WRAP marker in the ring says so). It jumps there, to reuse pages already
     * mapped and warm instead of faulting in fresh ones (about 1 GB/s on tmpfs), when
     * <ul>
     * <li>the ring is empty: the jump costs no room at all, an emptied ring still offers its whole capacity; or</li>
     * <li>the consumers are at least {@link #softRoom} bytes into the current lap: after the jump that much room
     *     is left behind them even if they stall, so a busy stream cycles through its first pages while an
     *     unbounded queue whose consumers stop still takes {@code softRoom} more bytes (a sixteenth of the ring:
     *     64 MiB for a queue, far more than the 64 KiB of Python's pipe) before a put waits. The smaller it is, the
     *     fewer pages a stream ever touches (with pacing, about {@code softRoom + lead}); every first touch costs
     *     the producer a page fault, which for 1 MiB items took more time than copying them.</li>
     * </ul>
     * A jump is recorded in the control block, not in the ring, and a second one waits until the first is followed.
     */
    private long plan(long w, long r, long need, long from, long to) {
        long off = w & mask;
        long next = w + (capacity - off);
        if (off + need > capacity) return next;
        if (!(r > from || to <= from)) return w; // the last jump is still ahead of the consumers
        if (r == w && off >= need) return next;
        boolean consumersInThisLap = r >= w - off;
        return consumersInThisLap && (r & mask) >= softRoom + need ? next : w;
    }

    /**
     * Whether a record at {@code start} would be written to pages never touched while live consumers are more than
     * {@link #lead} bytes behind. Each first touch of a tmpfs page is a page fault (allocate, zero, map) in the
     * producer and another in each consumer: a producer that runs far ahead of consumers that keep up only spreads
     * the stream over fresh pages, at a few microseconds per page, when it could wait and jump back to the warm
     * start of the ring (see {@link #plan}). Consumers that do not move for {@link #PACE_STALL_NANOS} are taken as
     * stalled, and the producer then goes ahead as before: pacing never costs room, it only costs a put some waiting.
     */
    private boolean aheadOnFreshPages(long start, long need, long touched) {
        if ((start & mask) + need <= touched) return false;
        if (start - cachedR <= lead) return false;
        long r = cachedR = (long) Mem.LONG.getAcquire(mem, base + R); // acquire: as every read of R by a producer
        return start - r > lead && r != stalledAt;
    }

    /**
     * Sleeps in short slices, holding the put lock, until consumers are within {@link #lead} bytes of {@code start}
     * (true: plan again), or they stop moving, or the deadline comes (false: go ahead). Sleeps rather than waits on
     * a signal, so consumers make no system call to wake a paced producer.
     */
    private boolean paceUntilConsumersCatchUp(long start, long deadline, Guard guard) {
        long r = cachedR, movedAt = System.nanoTime();
        for (int i = 0; ; i++) {
            if (i % 20 == 0) guard.check(); // every millisecond or so: a pipe's guard reads /proc
            long left = Waits.left(deadline);
            if (left <= 0) return false;
            LockSupport.parkNanos(Math.min(left, PACE_SLICE_NANOS));
            Waits.checkInterrupt();
            long now = System.nanoTime();
            long r2 = cachedR = (long) Mem.LONG.getAcquire(mem, base + R); // acquire: as every read of R by a producer
            if (start - r2 <= lead) return true;
            if (r2 != r) {
                r = r2;
                movedAt = now;
            } else if (now - movedAt >= paceStallNanos) {
                stalledAt = r;
                return false;
            }
        }
    }

    /** Whether fewer than {@code maxItems} are queued; looks at the consumers' count only when the cached one says no. */
    private boolean belowMax(long maxItems) {
        long put = (long) Mem.LONG.get(mem, base + PUT_COUNT); // plain: we hold the put lock
        if (put - cachedGetCount < maxItems) return true;
        cachedGetCount = (long) Mem.LONG.getVolatile(mem, base + GET_COUNT);
        return put - cachedGetCount < maxItems;
    }

    /** A record's header, length and kind, as one long: one access to write or read it. */
    private void writeHeader(long position, int len, int kind) {
        mem.set(ValueLayout.JAVA_LONG_UNALIGNED, data + (position & mask), (len & 0xFFFF_FFFFL) | (long) kind << 32);
    }

    private static int kind(long header) { return (int) (header >>> 32); }

    private static int length(long header) { return (int) header; }

    // ---------------------------------------------------------------- consumer side

    /**
     * Takes the next message, handing it to {@code reader} in place, waiting until {@code deadline}.
     * {@code guard} runs whenever the ring is empty, before waiting.
     *
     * @return the reader's result, or {@code timedOut} on timeout
     */
    <T> T take(Reader<T> reader, long deadline, Guard guard, T timedOut) {
        int locked = lock(getLock, deadline);
        if (locked == TIMED_OUT) return timedOut;
        T result;
        try {
            if (locked == TAKEN_OVER) recoverGet();
            long r = (long) Mem.LONG.get(mem, base + R);
            while (true) {
                long w = cachedW;
                if (w - r <= 0) {
                    w = cachedW = (long) Mem.LONG.getAcquire(mem, base + W);
                    // the jump fields sit beside W: read with it, they are current for every r below it
                    cachedJumpFrom = (long) Mem.LONG.get(mem, base + JUMP_FROM);
                    cachedJumpTo = (long) Mem.LONG.get(mem, base + JUMP_TO);
                }
                if (w == r) {
                    long seen = r; // the guard runs in waitFor, after the spin: it may cost a system call
                    if (!spinUntilChanged(W, seen, deadline, takePauses, takeSpinNanos)
                        && !(takeNaps && napUntilChanged(W, seen, deadline, guard))
                        && !waitFor(PUT_SIGNAL, GET_HOLDER_WAITING, deadline, guard, () -> (long) Mem.LONG.getVolatile(mem, base + W) != seen))
                        return timedOut;
                    continue;
                }
                if (r == cachedJumpFrom && cachedJumpTo > r) {
                    r = cachedJumpTo;
                    Mem.LONG.setVolatile(mem, base + R, r); // nothing counted: a jump is not an item
                    signal(GET_SIGNAL, PUT_WAITERS);
                    continue;
                }
                long off = data + (r & mask);
                long header = mem.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
                if (kind(header) == WRAP) {
                    r += capacity - (r & mask);
                    Mem.LONG.setVolatile(mem, base + R, r); // nothing counted: a marker is not an item
                    signal(GET_SIGNAL, PUT_WAITERS);
                    continue;
                }
                int len = length(header);
                result = reader.read(mem, off + 8, len);
                long count = (long) Mem.LONG.get(mem, base + GET_COUNT) + 1;
                long newR = r + 8 + align(len);
                publish(J_GET, J_R, newR, J_GET_COUNT, count, R, GET_COUNT);
                if (newR - cachedR > 0) cachedR = newR; // producers in this process learn it for free
                break;
            }
        } finally {
            getLock.releaseHeld();
        }
        signal(GET_SIGNAL, PUT_WAITERS);
        return result;
    }

    /** Drops every message in the ring (shutdown(immediate)); returns how many. Waiters must have been told to leave. */
    long drain() {
        int put = lock(putLock, Waits.FOREVER); // lock order: put, then get
        long dropped;
        try {
            int get = lock(getLock, Waits.FOREVER);
            try {
                if (put == TAKEN_OVER) recoverPut();
                if (get == TAKEN_OVER) recoverGet();
                long putCount = (long) Mem.LONG.get(mem, base + PUT_COUNT), got = (long) Mem.LONG.get(mem, base + GET_COUNT);
                dropped = Math.max(0, putCount - got);
                publish(J_GET, J_R, (long) Mem.LONG.get(mem, base + W), J_GET_COUNT, putCount, R, GET_COUNT);
            } finally {
                getLock.releaseHeld();
            }
        } finally {
            putLock.releaseHeld();
        }
        wakeAll();
        return dropped;
    }

    // ---------------------------------------------------------------- state

    /** Messages in the ring (put and not yet taken). */
    long count() {
        long got = (long) Mem.LONG.getVolatile(mem, base + GET_COUNT);
        long put = (long) Mem.LONG.getVolatile(mem, base + PUT_COUNT);
        return Math.max(0, put - got);
    }

    /** Messages ever put (a JoinableQueue's tasks). */
    long putCount() { return (long) Mem.LONG.getVolatile(mem, base + PUT_COUNT); }

    /** Whether a message is waiting to be read. */
    boolean readable() {
        long r = (long) Mem.LONG.getVolatile(mem, base + R);
        long w = (long) Mem.LONG.getVolatile(mem, base + W);
        if (w == r) return false;
        if (r == (long) Mem.LONG.get(mem, base + JUMP_FROM) && (long) Mem.LONG.get(mem, base + JUMP_TO) > r) return true;
        // a lone wrap marker is not a message
        return !(kind(mem.get(ValueLayout.JAVA_LONG_UNALIGNED, data + (r & mask))) == WRAP
            && w == r + capacity - (r & mask));
    }

    /** Wakes every waiter on both sides, e.g. after a shutdown or a peer's close, so they re-check. */
    void wakeAll() {
        Mem.INT.getAndAdd(mem, base + PUT_SIGNAL, 1);
        Futex.wake(mem, base + PUT_SIGNAL, Integer.MAX_VALUE);
        Mem.INT.getAndAdd(mem, base + GET_SIGNAL, 1);
        Futex.wake(mem, base + GET_SIGNAL, Integer.MAX_VALUE);
    }

    /** Waits until data may have arrived (or timeout), without taking anything: for poll(). */
    boolean awaitReadable(long deadline, Guard guard) {
        while (!readable()) {
            if (Waits.left(deadline) <= 0) {
                // a look, not a wait (poll() without a timeout, as a pool's apply caller makes in its busy wait):
                // registering as a waiter for it would cost a shared write and could make the sender wake nobody
                guard.check();
                return readable();
            }
            long r = (long) Mem.LONG.getVolatile(mem, base + R), w = (long) Mem.LONG.getVolatile(mem, base + W);
            if (!spinUntilChanged(W, w, deadline) && !waitFor(PUT_SIGNAL, GET_WAITERS, deadline, guard,
                () -> (long) Mem.LONG.getVolatile(mem, base + W) != w || (long) Mem.LONG.getVolatile(mem, base + R) != r))
                return readable();
        }
        return true;
    }

    @Override
    public String toString() {
        return "Ring[W=" + (long) Mem.LONG.getVolatile(mem, base + W) + ", R=" + (long) Mem.LONG.getVolatile(mem, base + R)
            + ", put=" + putCount() + ", got=" + (long) Mem.LONG.getVolatile(mem, base + GET_COUNT)
            + ", waiting getters=" + (int) Mem.INT.getVolatile(mem, base + GET_WAITERS) + "+" + (int) Mem.INT.getVolatile(mem, base + GET_HOLDER_WAITING)
            + ", putters=" + (int) Mem.INT.getVolatile(mem, base + PUT_WAITERS) + "+" + (int) Mem.INT.getVolatile(mem, base + PUT_HOLDER_WAITING)
            + ", mixed=" + mixed()
            + ", locks=" + putLock.describe("put") + "/" + getLock.describe("get") + "]";
    }

    // ---------------------------------------------------------------- helpers

    private static long align(long n) { return (n + 7) & ~7L; }

    private static final int TIMED_OUT = 0, TAKEN = 1, TAKEN_OVER = 2;

    /** Takes {@code lock}: TAKEN, TAKEN_OVER from a dead holder (whose half-done publish must be finished), or TIMED_OUT. */
    private static int lock(LockCore lock, long deadline) {
        // a free lock's tryAcquire clears the dead-holder mark: only a wait can take one over
        if (lock.tryAcquire()) return TAKEN;
        if (!lock.acquire(Math.max(0, Waits.left(deadline)))) return TIMED_OUT;
        return lock.previousOwnerDied() ? TAKEN_OVER : TAKEN;
    }

    /** Journal, publish, clear: see the class comment. */
    private void publish(long jFlag, long jPos, long pos, long jCount, long count, long posField, long countField) {
        Mem.LONG.set(mem, base + jPos, pos);
        Mem.LONG.set(mem, base + jCount, count);
        Mem.INT.setRelease(mem, base + jFlag, 1);
        Mem.LONG.setRelease(mem, base + countField, count);
        // release, not volatile: the lock release that follows is a full fence, which orders this store before
        // our read of the waiter count in signal()
        Mem.LONG.setRelease(mem, base + posField, pos);
        Mem.INT.setRelease(mem, base + jFlag, 0);
    }

    /** After taking the put lock over from a dead holder: finish its publish, forget its wait. */
    private void recoverPut() {
        redo(J_PUT, J_W, W, J_PUT_COUNT, PUT_COUNT);
        Mem.INT.setVolatile(mem, base + PUT_HOLDER_WAITING, 0);
    }

    /** After taking the get lock over from a dead holder: finish its publish, forget its wait. */
    private void recoverGet() {
        redo(J_GET, J_R, R, J_GET_COUNT, GET_COUNT);
        Mem.INT.setVolatile(mem, base + GET_HOLDER_WAITING, 0);
    }

    /** Completes a publish that a dead lock holder began. */
    private void redo(long jFlag, long jPos, long posField, long jCount, long countField) {
        if ((int) Mem.INT.getAcquire(mem, base + jFlag) == 0) return;
        Mem.LONG.setVolatile(mem, base + countField, (long) Mem.LONG.get(mem, base + jCount));
        Mem.LONG.setVolatile(mem, base + posField, (long) Mem.LONG.get(mem, base + jPos));
        Mem.INT.setRelease(mem, base + jFlag, 0);
    }

    /** Wakes the other side's sleepers, if any registered; {@code registrations}: the long holding both of their counts. */
    private void signal(long signalWord, long registrations) {
        // volatile: after our publish (and the lock release's fence), so a waiter that registered before it is seen;
        // one read covers both registrations, which share an aligned long (see the layout)
        if ((long) Mem.LONG.getVolatile(mem, base + registrations) == 0) return;
        Mem.INT.getAndAdd(mem, base + signalWord, 1);
        Futex.wake(mem, base + signalWord, Integer.MAX_VALUE);
    }

    /** Busy-waits briefly for the long at {@code field} to leave {@code value}: the other side is often just behind. */
    private boolean spinUntilChanged(long field, long value, long deadline) {
        return spinUntilChanged(field, value, deadline, SPIN_PAUSES, SPIN_NANOS);
    }

    private boolean spinUntilChanged(long field, long value, long deadline, int pauses, long spinNanos) {
        if (Waits.left(deadline) <= 0) return false;
        long start = System.nanoTime();
        // A napping waiter (a queue's consumer) spins without yielding, briefly: its naps give way to the producer.
        // Anyone else yields after a short pure spin (see Spin), and without futexes yields longer still: a sleeper
        // is woken late by the portable wait, which polls.
        long pureNanos = takeNaps ? spinNanos : Math.min(PURE_SPIN_NANOS, spinNanos);
        long busyNanos = spinNanos + (mixed() && !takeNaps ? YIELD_NANOS : 0);
        boolean yielding = false;
        for (int i = 0; ; i++) {
            if ((long) Mem.LONG.getVolatile(mem, base + field) != value) return true;
            if (yielding) {
                // each look follows a yield, which gives the core to any thread that is ready to run
                if (!Spin.pause(start, pureNanos, busyNanos) || (i & 15) == 0 && Waits.left(deadline) <= 0) return false;
                continue;
            }
            // a few pauses between looks: each look pulls the line the other side writes, costing it a miss
            for (int k = 0; k < pauses; k++) Thread.onSpinWait();
            if ((i & 15) != 0) continue;
            long spent = System.nanoTime() - start;
            if (spent >= busyNanos || Waits.left(deadline) <= 0) return false;
            yielding = spent >= pureNanos;
        }
    }

    /**
     * Sleeps in short slices (see {@link #batchConsumers}), unregistered, until the long at {@code field} leaves
     * {@code value} (true), or {@link #NAP_NANOS} or the deadline pass (false). Runs {@code guard} before each slice.
     */
    private boolean napUntilChanged(long field, long value, long deadline, Guard guard) {
        long start = System.nanoTime();
        while (true) {
            guard.check();
            long napped = System.nanoTime() - start;
            long left = Math.min(Waits.left(deadline), NAP_NANOS - napped);
            if (left <= 0) return false;
            LockSupport.parkNanos(Math.min(left, napped < FIRST_NAPS_NANOS ? FIRST_NAP_SLICE_NANOS : NAP_SLICE_NANOS));
            Waits.checkInterrupt();
            if ((long) Mem.LONG.getVolatile(mem, base + field) != value) return true;
        }
    }

    interface Condition { boolean holds(); }

    /**
     * Sleeps on {@code signalWord} until {@code changed} holds, the deadline passes (false) or a wake-up;
     * registered in {@code waitersWord} meanwhile so the other side knows to signal.
     */
    private boolean waitFor(long signalWord, long waitersWord, long deadline, Guard guard, Condition changed) {
        Mem.INT.getAndAdd(mem, base + waitersWord, 1);
        try {
            while (true) {
                int seen = (int) Mem.INT.getVolatile(mem, base + signalWord);
                if (changed.holds()) return true;
                guard.check();
                long left = Waits.left(deadline);
                if (left <= 0) return false;
                Futex.await(mem, base + signalWord, seen, left); // short slices when a poller shares the segment: Futex's concern
                Waits.checkInterrupt();
                if ((int) Mem.INT.getVolatile(mem, base + signalWord) != seen) return true;
            }
        } finally {
            Mem.INT.getAndAdd(mem, base + waitersWord, -1);
        }
    }
}
