package dev.mp4j.hazelcast.internal;

import dev.mp4j.BarrierBrokenException;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.backend.Backends;

import java.io.Serial;
import java.util.Map;

/**
 * Barrier on the cluster. The state entry counts arrivals of the current generation; the last arrival runs the
 * action (in its own JVM) and opens the generation. Bit {@code gen % 64} of {@code outcomes} records whether a
 * generation broke, so a slow waiter learns how its own generation ended after later ones began.
 */
public final class HzBarrier extends Handle implements Backends.OfBarrier {
    @Serial private static final long serialVersionUID = 1L;

    private final int parties;
    private final SerializableRunnable action;

    HzBarrier(Conn conn, String key, int parties, SerializableRunnable action) {
        super(conn, key);
        this.parties = parties;
        this.action = action;
    }

    record State(int parties, int count, int gen, boolean broken, long outcomes) implements java.io.Serializable {
        boolean brokeAt(int g) { return (outcomes >>> (g & 63) & 1) != 0; }
        long mark(int g, boolean broke) { return broke ? outcomes | 1L << (g & 63) : outcomes & ~(1L << (g & 63)); }
    }

    /** Arrival: returns {gen, index}, or null if broken. */
    record Arrive() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s.broken) return null;
            e.setValue(new State(s.parties, s.count + 1, s.gen, false, s.outcomes));
            return new int[] {s.gen, s.count};
        }
    }

    record Open(int gen) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (s.gen != gen || s.broken) return Boolean.FALSE;
            e.setValue(new State(s.parties, 0, gen + 1, false, s.mark(gen, false)));
            return Boolean.TRUE;
        }
    }

    /** Breaks generation {@code gen} if it is still the current one (gen < 0: whatever is current). */
    record Break(int gen) implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            if (gen >= 0 && s.gen != gen || s.broken) return Boolean.FALSE;
            e.setValue(new State(s.parties, s.count, s.gen, true, s.mark(s.gen, true)));
            return Boolean.TRUE;
        }
    }

    record Reset() implements Ep {
        @Override public Object process(Map.Entry<String, Object> e) {
            State s = (State) e.getValue();
            long outcomes = s.count > 0 && !s.broken ? s.mark(s.gen, true) : s.outcomes;
            e.setValue(new State(s.parties, 0, s.gen + 1, false, outcomes));
            return Boolean.TRUE;
        }
    }

    @Override
    public int await(long timeoutNanos) {
        int[] arrival = exec(new Arrive());
        if (arrival == null) throw new BarrierBrokenException("barrier is broken");
        int gen = arrival[0], index = arrival[1];
        if (index == parties - 1) {
            if (action != null) {
                try {
                    action.run();
                } catch (Throwable t) {
                    exec(new Break(gen));
                    throw new BarrierBrokenException("the barrier's action failed: " + t, t);
                }
            }
            if (!Boolean.TRUE.equals(exec(new Open(gen)))) throw new BarrierBrokenException("barrier is broken");
            return index;
        }
        Boolean broke;
        try {
            broke = site().until(timeoutNanos, () -> {
                State s = (State) state();
                if (s.gen != gen) return s.brokeAt(gen);
                return s.broken ? Boolean.TRUE : null;
            });
        } catch (java.util.concurrent.CancellationException e) {
            exec(new Break(gen));
            throw e;
        }
        if (broke == null) {
            exec(new Break(gen));
            State s = (State) state();
            if (s.gen != gen && !s.brokeAt(gen)) return index; // opened just as we gave up
            throw new BarrierBrokenException("barrier timed out");
        }
        if (broke) throw new BarrierBrokenException("barrier is broken");
        return index;
    }

    @Override public void reset() { exec(new Reset()); }

    @Override public void abort() { exec(new Break(-1)); }

    @Override public int parties() { return parties; }

    @Override
    public int nWaiting() {
        State s = (State) state();
        return s.broken ? 0 : s.count;
    }

    @Override public boolean isBroken() { return ((State) state()).broken; }
}
