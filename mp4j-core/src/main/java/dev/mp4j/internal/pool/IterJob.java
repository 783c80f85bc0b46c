package dev.mp4j.internal.pool;

import dev.mp4j.ProgressListener;
import dev.mp4j.ResultIterator;
import dev.mp4j.ResultTimeoutException;
import dev.mp4j.internal.sync.Waits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * imap and imapUnordered: chunks are submitted by a feeder while results are read. Ordered, chunk {@code i}'s
 * results are handed out only after chunk {@code i-1}'s; unordered, in arrival order. A failed chunk, or the
 * input's own exception, is one entry that throws when reached.
 */
final class IterJob<R> extends Job implements ResultIterator<R> {
    /** A chunk's results, or its failure. */
    private record Entry(List<?> values, Throwable error) {}

    private final boolean ordered;
    private final ProgressListener progress;
    private final Map<Integer, Entry> byIndex = new HashMap<>();
    private final ArrayDeque<Entry> arrived = new ArrayDeque<>();
    private int nextIndex;          // ordered: the chunk to hand out next
    private int entriesTaken;       // entries handed out (or skipped into current)
    private int entriesPosted;      // chunks plus the input's error, once the feeder is done
    private boolean inputDone;
    private long itemsDone, total = -1;
    private Throwable inputError;
    private Entry current;
    private int pos;
    private String cancelled;
    private int waiters;

    IterJob(Object function, boolean ordered, ProgressListener progress, long knownTotal) {
        super(function);
        this.ordered = ordered;
        this.progress = progress;
        this.total = knownTotal;
    }

    // ------------------------------------------------------------------ producer side

    @Override
    void done(Task t, Object value) { post(t.index(), new Entry(Chunks.asList(value), null), t.count()); }

    @Override
    void failed(Task t, Throwable error) { post(t.index(), new Entry(null, error), t.count()); }

    /** The feeder has submitted {@code chunks} chunks; {@code error} (or null) is the input's exception after them. */
    void inputEnded(int chunks, long items, Throwable error) {
        synchronized (this) {
            inputDone = true;
            entriesPosted = chunks + (error != null ? 1 : 0);
            if (error != null && ordered) byIndex.put(chunks, new Entry(null, error));
            inputError = error; // unordered: raised once every chunk's results are out
            total = items;
            notifyAll();
        }
        tell(itemsDoneNow(), items);
    }

    private void tell(long done, long tot) {
        if (progress == null) return;
        try {
            progress.progress(done, tot);
        } catch (RuntimeException e) {
            Outcome.report(e); // a listener's bug must not keep results from their reader
        }
    }

    private synchronized long itemsDoneNow() { return itemsDone; }

    private void post(int index, Entry e, int items) {
        long done, tot;
        synchronized (this) {
            done = itemsDone += items;
            tot = total;
        }
        // told before the results are visible, so a caller that has read everything has seen all progress
        tell(done, tot);
        synchronized (this) {
            store(index, e);
            if (waiters > 0) notifyAll();
        }
    }

    private void store(int index, Entry e) {
        if (ordered) byIndex.put(index, e);
        else arrived.add(e);
    }

    @Override
    synchronized boolean finished() { return cancelled != null; }

    @Override
    synchronized void cancel(String why) {
        if (cancelled == null) cancelled = why;
        notifyAll();
    }

    // ------------------------------------------------------------------ consumer side

    @Override
    public boolean hasNext() {
        return advance(Waits.FOREVER);
    }

    @Override
    public R next() {
        if (!advance(Waits.FOREVER)) throw new NoSuchElementException("no more results");
        return take();
    }

    @Override
    public R next(Duration timeout) {
        long deadline = Waits.deadline(Waits.nanos(timeout));
        if (!advance(deadline)) {
            if (isExhausted()) throw new NoSuchElementException("no more results");
            throw new ResultTimeoutException("no result within " + timeout);
        }
        return take();
    }

    private synchronized boolean isExhausted() {
        return current == null && inputDone && entriesTaken == entriesPosted;
    }

    @SuppressWarnings("unchecked")
    private synchronized R take() {
        Entry e = current;
        if (e.error != null) {
            current = null;
            throw Errors.rethrowable(e.error);
        }
        R v = (R) e.values.get(pos++);
        if (pos == e.values.size()) current = null;
        return v;
    }

    /** Makes {@code current} hold an unread result; false if there is none (end, or timeout). */
    private synchronized boolean advance(long deadline) {
        waiters++;
        try {
            while (true) {
                if (current != null) return true;
                if (cancelled != null) throw new CancellationException(cancelled);
                Entry e = ordered ? byIndex.remove(nextIndex) : arrived.poll();
                if (e == null && !ordered && inputError != null && inputDone && entriesTaken == entriesPosted - 1)
                    e = new Entry(null, inputError);
                if (e != null) {
                    if (ordered) nextIndex++;
                    entriesTaken++;
                    if (e.values != null && e.values.isEmpty()) continue;
                    current = e;
                    pos = 0;
                    return true;
                }
                if (inputDone && entriesTaken == entriesPosted) return false;
                long left = Waits.left(deadline);
                if (left <= 0) return false;
                try {
                    if (left == Waits.FOREVER) wait();
                    else java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException ie) {
                    throw Waits.cancelled();
                }
            }
        } finally {
            waiters--;
        }
    }
}
