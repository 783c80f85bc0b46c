package dev.mp4j.internal.pool;

import dev.mp4j.internal.codec.Lambdas;

import dev.mp4j.ProgressListener;
import dev.mp4j.ResultIterator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Turns pool calls into jobs and tasks; everything that can fail at the call fails here, before anything is sent. */
public final class Jobs {
    private Jobs() {}

    /** apply/applyAsync/submit. */
    public static <R> Outcome<R> call(PoolCore core, Callable<R> task, Consumer<? super R> callback,
                                      Consumer<? super Throwable> errorCallback) {
        if (task == null) throw new NullPointerException("task");
        var out = new Outcome<R>(callback, errorCallback, core.callbackThread());
        byte[] payload = checked(Lambdas.encode(task));
        var job = new CallJob<>(out);
        core.submit(List.of(core.task(job, 0, 0, 1, new Task.Payload(payload, false))));
        return out;
    }

    /**
     * apply: like {@link #call} without callbacks, then waits for the result, reading it from the worker's pipe in
     * this thread while it is due soon (see {@link Results#attend}).
     */
    public static <R> R apply(PoolCore core, Callable<R> task) {
        if (task == null) throw new NullPointerException("task");
        var out = new Outcome<R>(null, null, core.callbackThread());
        byte[] payload = checked(Lambdas.encode(task));
        var job = new CallJob<>(out, true);
        core.submit(List.of(core.task(job, 0, 0, 1, new Task.Payload(payload, false))));
        core.attend(job);
        return out.join();
    }

    /** map/mapAsync/starmap: the input is read whole first, as Python does; chunksize 0: Python's default. */
    public static <R> Outcome<List<R>> map(PoolCore core, Object function, Iterable<?> input, int chunksize,
                                           ProgressListener progress, Consumer<? super List<R>> callback,
                                           Consumer<? super Throwable> errorCallback) {
        if (function == null) throw new NullPointerException("function");
        checkChunksize(chunksize);
        core.checkRunning();
        Object[] items;
        if (input instanceof Collection<?> c) {
            items = c.toArray(); // one bulk copy
        } else {
            var read = new ArrayList<>();
            for (Object x : input) read.add(x); // the input's exception propagates as is
            items = read.toArray();
        }
        int n = items.length;
        var out = new Outcome<List<R>>(callback, errorCallback, core.callbackThread());
        if (n == 0) {
            out.complete(new ArrayList<>());
            return out;
        }
        int size = chunksize > 0 ? chunksize : defaultChunksize(n, core.size());
        int chunks = (n + size - 1) / size;
        var job = new MapJob<>(function, out, n, chunks, progress);
        List<Task> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = c * size, to = Math.min(n, from + size);
            tasks.add(core.task(job, c, from, to - from, checked(Chunks.encode(items, from, to))));
        }
        core.submit(tasks);
        return out;
    }

    /**
     * Largest task argument, function or result: half of what a worker's pipe holds per direction (256 MiB unless
     * mp4j.pipe.bufferBytes says otherwise, rounded as the pipe rounds it), so a function and its chunk fit together.
     */
    static final long MAX_PAYLOAD = Long.highestOneBit(Math.max(4096, Long.getLong("mp4j.pipe.bufferBytes", 256L << 20))) / 2 - 64;

    private static byte[] checked(byte[] payload) {
        if (payload.length > MAX_PAYLOAD)
            throw new IllegalArgumentException("a pool task of " + payload.length + " bytes is over the limit of "
                + MAX_PAYLOAD + " bytes; use a smaller chunksize or pass the data through SharedMemory");
        return payload;
    }

    private static Task.Payload checked(Task.Payload payload) {
        checked(payload.bytes());
        return payload;
    }

    static byte[] checkedFunction(byte[] f) { return checked(f); }

    /** Python's rule: {@code ceil(n / (4 * processes))}. */
    static int defaultChunksize(int n, int processes) {
        int per = processes * 4;
        return Math.max(1, n / per + (n % per != 0 ? 1 : 0));
    }

    static void checkChunksize(int chunksize) {
        if (chunksize < 0) throw new IllegalArgumentException("chunksize must be positive, not " + chunksize);
    }

    /** imap/imapUnordered: a virtual thread reads the input and submits chunks while results are read. */
    public static <R> ResultIterator<R> iterate(PoolCore core, Object function, Iterable<?> input, int chunksize,
                                                boolean ordered, ProgressListener progress) {
        if (function == null) throw new NullPointerException("function");
        if (chunksize <= 0) throw new IllegalArgumentException("chunksize must be positive, not " + chunksize);
        long total = input instanceof Collection<?> c ? c.size() : -1;
        var job = new IterJob<R>(function, ordered, progress, total);
        Iterator<?> it = input.iterator();
        core.feederStarted();
        Thread.ofVirtual().name("mp4j-pool-feeder").start(() -> feed(core, job, it, chunksize));
        return job;
    }

    private static void feed(PoolCore core, IterJob<?> job, Iterator<?> it, int chunksize) {
        int chunk = 0;
        long position = 0;
        Throwable error = null;
        try {
            while (true) {
                List<Object> buf = new ArrayList<>(Math.min(chunksize, 1024));
                try {
                    while (buf.size() < chunksize && it.hasNext()) buf.add(it.next());
                } catch (Throwable e) {
                    error = e; // surfaces at its position, after the items read before it
                }
                if (!buf.isEmpty()) {
                    Task.Payload payload;
                    try {
                        payload = checked(Chunks.encode(buf.toArray(), 0, buf.size()));
                    } catch (IllegalArgumentException e) {
                        error = e;
                        break;
                    }
                    if (!core.feed(core.task(job, chunk, position, buf.size(), payload))) {
                        job.cancel("pool terminated");
                        return;
                    }
                    chunk++;
                    position += buf.size();
                }
                if (error != null || buf.size() < chunksize) break;
            }
        } finally {
            job.inputEnded(chunk, position, error);
            core.feederEnded();
        }
    }
}
