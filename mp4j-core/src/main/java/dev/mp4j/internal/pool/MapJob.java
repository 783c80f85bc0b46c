package dev.mp4j.internal.pool;

import dev.mp4j.ProgressListener;

import java.util.Arrays;
import java.util.List;

/** map, mapAsync, starmap: chunks whose results fill one list in input order; the first failure fails it all. */
final class MapJob<R> extends Job {
    final Outcome<List<R>> outcome;
    private final Object[] results;
    private final ProgressListener progress;
    private int chunksLeft;
    private long itemsDone;

    MapJob(Object function, Outcome<List<R>> outcome, int items, int chunks, ProgressListener progress) {
        super(function);
        this.outcome = outcome;
        this.results = new Object[items];
        this.chunksLeft = chunks;
        this.progress = progress;
    }

    @SuppressWarnings("unchecked")
    @Override
    void done(Task t, Object value) {
        // Each chunk fills its own range, so two slots' threads store at once, outside the lock; the lock below
        // orders every store before the completing thread's copy of the array.
        int at = (int) t.start();
        int n = value instanceof int[] ints ? ints.length : ((List<?>) value).size();
        if (n != t.count()) {
            failed(t, new IllegalStateException("a pool worker returned " + n + " results for a chunk of " + t.count()));
            return;
        }
        if (value instanceof int[] ints) {
            for (int i = 0; i < ints.length; i++) results[at + i] = ints[i];
        } else {
            List<?> values = (List<?>) value;
            for (int i = 0; i < values.size(); i++) results[at + i] = values.get(i);
        }
        boolean last;
        long done;
        synchronized (this) {
            last = --chunksLeft == 0;
            done = itemsDone += t.count();
        }
        report(done);
        if (last) outcome.complete((List<R>) new java.util.ArrayList<>(Arrays.asList(results)));
    }

    @Override
    void failed(Task t, Throwable error) {
        long done;
        synchronized (this) { done = itemsDone += t.count(); }
        report(done);
        outcome.fail(error);
    }

    private void report(long done) {
        if (progress == null) return;
        try {
            progress.progress(done, results.length);
        } catch (RuntimeException e) {
            Outcome.report(e); // a listener's bug must not keep the result from completing
        }
    }

    @Override boolean finished() { return outcome.isDone(); }

    @Override void cancel(String why) { outcome.cancelPending(why); }
}
