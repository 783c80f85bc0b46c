package dev.mp4j.internal.pool;

/** apply, applyAsync and submit: one callable, one result. */
final class CallJob<R> extends Job {
    final Outcome<R> outcome;

    CallJob(Outcome<R> outcome) {
        super(null);
        this.outcome = outcome;
    }

    @SuppressWarnings("unchecked")
    @Override void done(Task t, Object value) { outcome.complete((R) value); }

    @Override void failed(Task t, Throwable error) { outcome.fail(error); }

    @Override boolean finished() { return outcome.isDone(); }

    @Override void cancel(String why) { outcome.cancelPending(why); }
}
