package dev.mp4j.internal.pool;

/** apply, applyAsync and submit: one callable, one result. */
final class CallJob<R> extends Job {
    final Outcome<R> outcome;
    /**
     * Whether its caller waits for it at once and reads the result itself (see {@link Results#attend}); cleared if
     * the caller stopped waiting before the task was sent. Guarded by the pool's lock.
     */
    boolean attended;
    /** Where it was sent, and that slot's worker generation then; set under the pool's lock. */
    Slot slot;
    int generation;

    CallJob(Outcome<R> outcome) { this(outcome, false); }

    CallJob(Outcome<R> outcome, boolean attended) {
        super(null);
        this.outcome = outcome;
        this.attended = attended;
    }

    @SuppressWarnings("unchecked")
    @Override void done(Task t, Object value) { outcome.complete((R) value); }

    @Override void failed(Task t, Throwable error) { outcome.fail(error); }

    @Override boolean finished() { return outcome.isDone(); }

    @Override void cancel(String why) { outcome.cancelPending(why); }
}
