package dev.mp4j.internal.sync;

import dev.mp4j.internal.codec.Portable;
import dev.mp4j.internal.backend.Backends;

import dev.mp4j.internal.shm.Cells;
import dev.mp4j.internal.shm.Futex;
import dev.mp4j.internal.shm.Mem;
import dev.mp4j.internal.shm.ProcessIdentity;
import dev.mp4j.internal.shm.Segment;
import java.io.Serial;

/**
 * A cross-process mutex in shared memory (Drepper's futex mutex, "Futexes are tricky", with the owner's pid in the
 * word), optionally re-entrant. The machinery of Lock, RLock and the locks of Value and SharedArray.
 *
 * <p>Dead owners: the state word holds the owning process's pid, written by the same CAS that takes the lock, so a
 * holder can never die "between taking the lock and saying who it is". A waiter that finds the word unchanged
 * after a wait slice checks that pid (and the recorded start time, against pid reuse); if that process has ended,
 * the waiter takes the lock over with a CAS and records that the previous owner died. Threads of a live process
 * are never judged dead (as in CPython, a thread ending while holding a lock leaves it held).
 */
public final class LockCore extends SharedWords implements Backends.OfLock, Portable {
    @Serial private static final long serialVersionUID = 1L;

    // Layout, relative to base (one 64-byte line: the whole lock shares one cache line).
    /** int, the futex word: 0 free, else owner pid | WAITERS. */
    static final long STATE = 0;
    /** int, re-entrant hold count; written by the owner thread only. */
    static final long COUNT = 4;
    /** long, owner's process start time (0: not yet recorded); written by the owner only. */
    static final long OWNER_START = 8;
    /** long, owner's thread id (0: none); written by the owner only. */
    static final long OWNER_THREAD = 16;
    /** int, 1 if the current hold was taken over from a dead process. */
    static final long RECOVERED = 24;
    /** long, pid of that dead process. */
    static final long DEAD_PID = 32;
    public static final long SIZE = 64;

    static final int WAITERS = 1 << 30;
    static final int PID_MASK = WAITERS - 1;
    private static final int SPINS = 100;
    private static final int PID = (int) ProcessIdentity.PID;

    private final boolean reentrant;

    public LockCore(Segment segment, long base, boolean reentrant) {
        super(segment, base);
        if (ProcessIdentity.PID >= WAITERS) throw new IllegalStateException("pid too large: " + ProcessIdentity.PID);
        this.reentrant = reentrant;
    }

    /** A lock in a segment of its own. */
    static {
        Portable.register(Portable.LOCK_CORE, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                return new LockCore(checkedSegment(f[0]), checkedBase(f[1]), (Boolean) f[2]);
            }
        });
    }

    @Override public int portableKind() { return Portable.LOCK_CORE; }

    @Override public Object[] portableFields() { return new Object[] {segment, base, reentrant}; }

    public static LockCore create(boolean reentrant) {
        Cells.Cell c = Cells.allocate(SIZE);
        return new LockCore(c.segment(), c.offset(), reentrant);
    }

    public boolean reentrant() {
        return reentrant;
    }

    /** Whether the calling thread holds this lock. */
    public boolean heldByCurrentThread() {
        // Opaque reads: the state's pid is ours only if this process set it, and OWNER_THREAD then was written by
        // this process; a stale value from another thread of ours cannot equal our own thread id while we do not hold it.
        int s = (int) Mem.INT.getOpaque(mem, base + STATE);
        return (s & PID_MASK) == PID && (long) Mem.LONG.getOpaque(mem, base + OWNER_THREAD) == Thread.currentThread().threadId();
    }

    public boolean tryAcquire() {
        if (reentrant && heldByCurrentThread()) {
            // Plain: only the owner thread reads or writes the count while it holds the lock.
            Mem.INT.set(mem, base + COUNT, (int) Mem.INT.get(mem, base + COUNT) + 1);
            return true;
        }
        // CAS (volatile semantics): acquires the lock and publishes our pid as owner in one step.
        if (Mem.INT.compareAndSet(mem, base + STATE, 0, PID)) {
            owned(false, 0);
            return true;
        }
        return false;
    }

    /**
     * Acquires, waiting at most {@code timeoutNanos} ({@link Waits#FOREVER}: no limit; <= 0: no wait, but a dead
     * owner is still taken over). Interrupt while waiting: CancellationException.
     */
    public boolean acquire(long timeoutNanos) {
        if (tryAcquire()) return true;
        if (timeoutNanos > 0) {
            for (int i = 0; i < SPINS; i++) {
                Thread.onSpinWait();
                // Plain read first (test-and-test-and-set): no cache-line ping-pong while it is held.
                if ((int) Mem.INT.getOpaque(mem, base + STATE) == 0 && Mem.INT.compareAndSet(mem, base + STATE, 0, PID)) {
                    owned(false, 0);
                    return true;
                }
            }
        }
        return acquireSlow(timeoutNanos, true);
    }

    private boolean acquireSlow(long timeoutNanos, boolean interruptible) {
        long deadline = Waits.deadline(Math.max(timeoutNanos, 0));
        // A /proc look-up costs microseconds: only when the word sat unchanged through a wait slice (blocking), or
        // for a non-blocking call when it shows a new owner or the same one for a while (so spinning tryAcquire
        // callers still take over from a dead owner, without a look-up per call).
        boolean stale = false;
        while (true) {
            int s = (int) Mem.INT.getVolatile(mem, base + STATE);
            if (s == 0) {
                // Take it marked contended: others may still sleep on it, so our release must wake one.
                if (Mem.INT.compareAndSet(mem, base + STATE, 0, PID | WAITERS)) {
                    owned(false, 0);
                    return true;
                }
                continue;
            }
            if ((s & WAITERS) == 0 && !Mem.INT.compareAndSet(mem, base + STATE, s, s | WAITERS)) continue;
            int w = s | WAITERS;
            if ((stale || (timeoutNanos <= 0 && worthChecking(w))) && ownerDead(w)) {
                if (Mem.INT.compareAndSet(mem, base + STATE, w, PID | WAITERS)) {
                    owned(true, w & PID_MASK);
                    return true;
                }
                continue;
            }
            long left = Waits.left(deadline);
            if (left <= 0) return false;
            Futex.await(mem, base + STATE, w, left);
            if (interruptible && Thread.interrupted()) throw Waits.cancelled();
            // Unchanged after a wait: the owner may have died; worth the /proc look-up.
            stale = (int) Mem.INT.getVolatile(mem, base + STATE) == w;
        }
    }

    /** Racy per-handle memo of the last owner word a non-blocking call checked, and when. */
    private transient int checkedState;
    private transient long checkedAt;

    private boolean worthChecking(int state) {
        long now = System.nanoTime();
        if (state == checkedState && now - checkedAt < 100_000_000L) return false;
        checkedState = state;
        checkedAt = now;
        return true;
    }

    private boolean ownerDead(int state) {
        long pid = state & PID_MASK;
        if (pid == PID) return false;
        // Opaque: written by the owner after its CAS; 0 (not yet written) means "check the pid alone".
        long start = (long) Mem.LONG.getOpaque(mem, base + OWNER_START);
        if (ProcessIdentity.isAlive(pid, start)) return false;
        // Re-read: if the word changed meanwhile, "start" may have belonged to a newer owner.
        return (int) Mem.INT.getVolatile(mem, base + STATE) == state;
    }

    private void owned(boolean recovered, long deadPid) {
        // Plain stores: only the owner writes these; observers (dead-owner checks, toString) tolerate staleness.
        Mem.LONG.set(mem, base + OWNER_START, ProcessIdentity.START);
        Mem.LONG.set(mem, base + OWNER_THREAD, Thread.currentThread().threadId());
        if (reentrant) Mem.INT.set(mem, base + COUNT, 1);
        if (recovered) {
            Mem.LONG.set(mem, base + DEAD_PID, deadPid);
            Mem.INT.setRelease(mem, base + RECOVERED, 1);
        } else if ((int) Mem.INT.get(mem, base + RECOVERED) != 0) {
            Mem.INT.setRelease(mem, base + RECOVERED, 0);
        }
    }

    /**
     * Releases. Re-entrant: one level, by the owner thread only (else IllegalMonitorStateException). Plain: by
     * anyone, but not when unlocked (IllegalStateException).
     */
    public void release() {
        if (reentrant) {
            if (!heldByCurrentThread()) {
                throw new IllegalMonitorStateException(isLocked() ? "cannot release an RLock held by another thread or process"
                    : "cannot release an RLock that is not held");
            }
            int c = (int) Mem.INT.get(mem, base + COUNT) - 1;
            Mem.INT.set(mem, base + COUNT, c);
            if (c > 0) return;
        } else if ((int) Mem.INT.getVolatile(mem, base + STATE) == 0) {
            throw new IllegalStateException("cannot release an unlocked Lock");
        }
        releaseHeld();
    }

    /**
     * Releases a non-reentrant lock that the caller knows it holds (its own acquire just succeeded): what
     * {@link #release()} does without the check, for internal locks on hot paths (a queue's put and get).
     */
    public void releaseHeld() {
        Mem.LONG.set(mem, base + OWNER_THREAD, 0L);
        Mem.LONG.set(mem, base + OWNER_START, 0L);
        // getAndSet (volatile): publishes everything done under the lock, and tells whether anyone sleeps.
        int s = (int) Mem.INT.getAndSet(mem, base + STATE, 0);
        if (s == 0) throw new IllegalStateException("cannot release an unlocked Lock"); // lost a race with another releaser
        if ((s & WAITERS) != 0) Futex.wake(mem, base + STATE, 1);
    }

    /** For Condition.await: releases every level this thread holds; returns the count to restore. */
    public int releaseFully() {
        int c = reentrant ? (int) Mem.INT.get(mem, base + COUNT) : 1;
        if (reentrant) Mem.INT.set(mem, base + COUNT, 1);
        release();
        return c;
    }

    /** For Condition.await: takes the lock back, ignoring interrupts (the caller reports them afterwards). */
    public void reacquire(int count) {
        if (!tryAcquire()) acquireSlow(Waits.FOREVER, false);
        if (reentrant) Mem.INT.set(mem, base + COUNT, count);
    }

    public boolean isLocked() {
        return (int) Mem.INT.getVolatile(mem, base + STATE) != 0;
    }

    /** Whether the current hold began by taking the lock over from a process that died holding it. */
    public boolean previousOwnerDied() {
        return (int) Mem.INT.getAcquire(mem, base + RECOVERED) != 0 && isLocked();
    }

    /** The pid of that dead process, or 0. */
    public long deadOwnerPid() {
        return previousOwnerDied() ? (long) Mem.LONG.get(mem, base + DEAD_PID) : 0;
    }

    /** Python-repr-like: {@code Lock(owner=MainProcess)}, {@code RLock(owner=pid 42, count=2)}, {@code Lock(unlocked)}. */
    public String describe(String type) {
        int s = (int) Mem.INT.getVolatile(mem, base + STATE);
        if (s == 0) return type + "(unlocked)";
        long pid = s & PID_MASK;
        String owner = ProcName.of(pid);
        if (pid == PID) {
            long tid = (long) Mem.LONG.getOpaque(mem, base + OWNER_THREAD);
            if (tid != Thread.currentThread().threadId()) owner += "|thread " + tid;
        }
        String more = reentrant ? ", count=" + (int) Mem.INT.getOpaque(mem, base + COUNT) : "";
        return type + "(owner=" + owner + more + ")";
    }
}
