package dev.mp4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import dev.mp4j.Mp4jException;
import dev.mp4j.internal.backend.Backends;

import java.io.Serial;
import java.util.Map;

/**
 * Lock and RLock on the cluster: one state-map entry holding the owner (JVM id, thread id), the hold count and
 * whether the hold began by taking over from a dead owner. The next acquirer takes over a lock whose owner's JVM
 * stopped beating (see {@link Site}), and {@link #previousOwnerDied()} then says so.
 */
public final class HzLock extends Handle implements Backends.OfLock {
    @Serial private static final long serialVersionUID = 1L;

    final boolean reentrant;

    HzLock(Conn conn, String key, boolean reentrant) {
        super(conn, key);
        this.reentrant = reentrant;
    }

    record State(String jvm, long thread, int count, boolean died) implements java.io.Serializable {}

    /** Takes the lock (count levels) if free or, re-entrantly, owned by this thread; else returns the owner's JVM. */
    record Acquire(String jvm, long thread, int count, boolean reentrant) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s == null || s.count == 0) {
                e.setValue(new State(jvm, thread, count, false));
                return Boolean.TRUE;
            }
            if (reentrant && s.jvm.equals(jvm) && s.thread == thread) {
                e.setValue(new State(jvm, thread, s.count + count, s.died));
                return Boolean.TRUE;
            }
            return s.jvm;
        }
    }

    /** Takes the lock over from {@code dead} if that JVM still holds it (or takes it if it is free). */
    record TakeOver(String dead, String jvm, long thread, int count) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s == null || s.count == 0) {
                e.setValue(new State(jvm, thread, count, false));
                return Boolean.TRUE;
            }
            if (s.jvm.equals(dead)) {
                e.setValue(new State(jvm, thread, count, true));
                return Boolean.TRUE;
            }
            return Boolean.FALSE;
        }
    }

    /** Releases one level ({@code all}: every level, returning the count); "unlocked" or "notowner" if it may not. */
    record Release(String jvm, long thread, boolean reentrant, boolean all) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s == null || s.count == 0) return "unlocked";
            if (reentrant && !(s.jvm.equals(jvm) && s.thread == thread)) return "notowner";
            if (all || s.count == 1) {
                e.setValue(null);
                return s.count;
            }
            e.setValue(new State(s.jvm, s.thread, s.count - 1, s.died));
            return 1;
        }
    }

    @Override
    public boolean acquire(long timeoutNanos) {
        return acquire(timeoutNanos, 1);
    }

    boolean acquire(long timeoutNanos, int count) {
        Site site = site();
        site.beat();
        long thread = Thread.currentThread().threadId();
        return site.until(timeoutNanos, () -> {
            Object r = take(new Acquire(Site.JVM, thread, count, reentrant), thread);
            if (r == null || Boolean.TRUE.equals(r)) return (Boolean) r;
            if (!site.isAlive((String) r) && Boolean.TRUE.equals(take(new TakeOver((String) r, Site.JVM, thread, count), thread))) return Boolean.TRUE;
            return null;
        }) != null;
    }

    /**
     * Runs a processor that may take the lock. If the call failed in doubt (the member it went to died: it may or
     * may not have run there), the lock's state says which: TRUE if this thread holds it now, else null (try again).
     * Not for an RLock, whose count cannot tell a level the lost call took from one held before: that failure stands.
     */
    private Object take(EntryProcessor<String, Object, ?> processor, long thread) {
        try {
            return exec(processor);
        } catch (Mp4jException e) {
            if (reentrant || !HzWorkers.lost(e)) throw e;
            return state() instanceof State s && s.count > 0 && s.jvm.equals(Site.JVM) && s.thread == thread ? Boolean.TRUE : null;
        }
    }

    @Override
    public void release() {
        release(false);
    }

    /** Releases every level this thread holds; returns how many (for a Condition's await). */
    int releaseFully() {
        return release(true);
    }

    private int release(boolean all) {
        Object r = exec(new Release(Site.JVM, Thread.currentThread().threadId(), reentrant, all));
        if ("unlocked".equals(r)) {
            if (reentrant) throw new IllegalMonitorStateException("release of an RLock that is not held");
            throw new IllegalStateException("release of an unlocked Lock");
        }
        if ("notowner".equals(r)) throw new IllegalMonitorStateException("release of an RLock held by another thread or process");
        return (Integer) r;
    }

    @Override
    public boolean isLocked() {
        return state() instanceof State s && s.count > 0;
    }

    @Override
    public boolean heldByCurrentThread() {
        return state() instanceof State s && s.count > 0 && s.jvm.equals(Site.JVM) && s.thread == Thread.currentThread().threadId();
    }

    @Override
    public boolean previousOwnerDied() {
        return state() instanceof State s && s.count > 0 && s.died;
    }

    @Override
    public String describe(String type) {
        if (!(state() instanceof State s) || s.count == 0) return type + "(cluster " + shortId() + ", unlocked)";
        String owner = (s.jvm.equals(Site.JVM) ? "this JVM" : "JVM " + s.jvm.substring(0, 8)) + ", thread " + s.thread;
        return type + "(cluster " + shortId() + ", owner=" + owner + (reentrant ? ", count=" + s.count : "") + ")";
    }

    @Override public boolean equals(Object o) { return o instanceof HzLock l && l.key.equals(key); }

    @Override public int hashCode() { return key.hashCode(); }
}
