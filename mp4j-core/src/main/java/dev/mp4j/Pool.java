package dev.mp4j;

import dev.mp4j.internal.pool.Calls;
import dev.mp4j.internal.pool.Jobs;
import dev.mp4j.internal.pool.Outcome;
import dev.mp4j.internal.pool.PoolCore;
import dev.mp4j.internal.sync.Waits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool}: worker processes (separate JVMs) that run functions for the caller.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     int n = pool.apply(() -> 6 * 7);
 *     for (int r : pool.imapUnordered(Tasks::slow, inputs)) ...
 * }
 * }</pre>
 *
 * <p>Also an {@link ExecutorService}: {@code submit}, {@code invokeAll}, {@code invokeAny}, {@code shutdown},
 * {@code close()} (graceful: finishes queued work, then stops the workers, then returns).
 *
 * <p>Unlike CPython's, a worker that dies (kill -9, {@code System.exit}, {@code halt}, out of memory) fails only
 * the task it was running, with {@link WorkerLostException} naming its exit code; it is replaced and everything
 * else goes on. A task's exception comes back as the same class and message with the child's stack trace:
 * {@code apply}, {@code map} and the iterators rethrow an unchecked one as is and wrap a checked one in
 * {@link RemoteException}; {@code Future.get} wraps it in {@link ExecutionException}. After {@code close()} or
 * {@link #terminate()} the pool methods throw {@link IllegalStateException} and the ExecutorService ones
 * {@link RejectedExecutionException}. Workers are daemon processes: a pool never keeps the JVM alive.
 *
 * <p>{@code maxTasksPerChild} counts tasks as Python does: an {@code apply} is one task, a map chunk is one.
 *
 * <p>With a cluster's {@link Context} (module mp4j-hazelcast), as the default or given to the builder, the tasks run
 * on the cluster's members instead of local worker processes, with the same results, ordering, callbacks and
 * errors; {@code processes} bounds how many run at once (default: the members' processors).
 */
public class Pool implements ExecutorService {
    private final PoolCore core;

    /**
     * Python's {@code Pool()}: {@link Mp#cpuCount()} workers (on a cluster's default {@link Context}: the
     * cluster's processors, counted over its members).
     */
    public Pool() { this(defaultProcesses(Context.getDefault())); }

    /** Python's {@code Pool(processes)}. */
    public Pool(int processes) { this(processes, null, 0, Context.getDefault()); }

    private Pool(int processes, SerializableRunnable initializer, int maxTasksPerChild, Context context) {
        if (processes <= 0) throw new IllegalArgumentException("processes must be at least 1, not " + processes);
        if (initializer != null) dev.mp4j.internal.codec.Codec.encode(initializer); // fails here, naming the culprit
        var engine = context.engine();
        if (engine != null && (initializer != null || maxTasksPerChild > 0))
            throw new IllegalArgumentException("initializer and maxTasksPerChild are not supported on a cluster context");
        core = engine == null ? new PoolCore(processes, initializer, maxTasksPerChild, context)
            : new PoolCore(engine.workers(processes));
    }

    private static int defaultProcesses(Context context) {
        var engine = context.engine();
        return engine == null ? Mp.cpuCount() : engine.defaultProcesses();
    }

    /** Python's keyword arguments: {@code Pool.builder().processes(4).initializer(...).maxTasksPerChild(100).build()}. */
    public static Builder builder() { return new Builder(); }

    /** Builds a Pool; unset values are Python's defaults (cpu count, no initializer, no task limit, default context). */
    public static final class Builder {
        private int processes; // 0: the context's default
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private Context context;

        private Builder() {}

        /** Number of workers; at least 1. */
        public Builder processes(int processes) {
            if (processes <= 0) throw new IllegalArgumentException("processes must be at least 1, not " + processes);
            this.processes = processes;
            return this;
        }

        /** Python's {@code initializer}: runs once in each worker before its first task. */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = initializer;
            return this;
        }

        /** Python's {@code maxtasksperchild}: a worker is replaced by a fresh one after this many tasks; at least 1. */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild <= 0) throw new IllegalArgumentException("maxTasksPerChild must be at least 1, not " + maxTasksPerChild);
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /** The context (start method, JVM options) the workers start with. */
        public Builder context(Context context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        public Pool build() {
            Context c = context != null ? context : Context.getDefault();
            return new Pool(processes > 0 ? processes : defaultProcesses(c), initializer, maxTasksPerChild, c);
        }
    }

    // ------------------------------------------------------------------ apply

    /** Python's {@code apply(f, args)}: runs {@code task} in a worker and returns its result. */
    public <R> R apply(SerializableCallable<R> task) {
        return Jobs.apply(core, task);
    }

    /** Python's {@code apply_async(f, args)}. */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task) {
        return Jobs.call(core, task, null, null);
    }

    /**
     * Python's {@code apply_async(f, args, callback=..., error_callback=...)}: exactly one of the callbacks runs,
     * once, in this process, before the result counts as ready. Callbacks run one at a time, in completion order, on
     * the pool's callback thread (CPython's result handler), so one that blocks, even on this pool, delays other
     * callbacks but never the workers' results. The error callback receives the task's own exception.
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        return Jobs.call(core, task, callback, errorCallback);
    }

    // ------------------------------------------------------------------ map

    /** Python's {@code map(f, iterable)}: results in input order; chunks by Python's default rule. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input) {
        return this.<R>mapOutcome(function, input, 0, null, null, null).join();
    }

    /** Python's {@code map(f, iterable, chunksize)}. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input, int chunksize) {
        return this.<R>mapOutcome(function, input, positive(chunksize), null, null, null).join();
    }

    /** {@code map} telling {@code progress} after each chunk. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                              ProgressListener progress) {
        return this.<R>mapOutcome(function, input, 0, progress, null, null).join();
    }

    /** {@code map} with a chunksize, telling {@code progress} after each chunk. */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                              int chunksize, ProgressListener progress) {
        return this.<R>mapOutcome(function, input, positive(chunksize), progress, null, null).join();
    }

    /** Python's {@code map_async(f, iterable)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input) {
        return mapOutcome(function, input, 0, null, null, null);
    }

    /** Python's {@code map_async(f, iterable, chunksize)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                                int chunksize) {
        return mapOutcome(function, input, positive(chunksize), null, null, null);
    }

    /** Python's {@code map_async(f, iterable, callback=..., error_callback=...)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                                Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapOutcome(function, input, 0, null, callback, errorCallback);
    }

    /** Python's {@code map_async(f, iterable, chunksize, callback=..., error_callback=...)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                                int chunksize, Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        return mapOutcome(function, input, positive(chunksize), null, callback, errorCallback);
    }

    private <R> Outcome<List<R>> mapOutcome(Object function, Iterable<?> input, int chunksize, ProgressListener progress,
                                            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(input, "input");
        return Jobs.map(core, function, input, chunksize, progress, callback, errorCallback);
    }

    // ------------------------------------------------------------------ imap

    /** Python's {@code imap(f, iterable)}: results in input order, lazily, one item per task (Python's default). */
    public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input) {
        return iterate(function, input, 1, true, null);
    }

    /** Python's {@code imap(f, iterable, chunksize)}. */
    public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input, int chunksize) {
        return iterate(function, input, positive(chunksize), true, null);
    }

    /** {@code imap} telling {@code progress} after each chunk. */
    public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                         int chunksize, ProgressListener progress) {
        return iterate(function, input, positive(chunksize), true, progress);
    }

    /** Python's {@code imap_unordered(f, iterable)}: results as they complete. */
    public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input) {
        return iterate(function, input, 1, false, null);
    }

    /** Python's {@code imap_unordered(f, iterable, chunksize)}. */
    public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                                  int chunksize) {
        return iterate(function, input, positive(chunksize), false, null);
    }

    /** {@code imapUnordered} telling {@code progress} after each chunk. */
    public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> input,
                                                  int chunksize, ProgressListener progress) {
        return iterate(function, input, positive(chunksize), false, progress);
    }

    private <R> ResultIterator<R> iterate(Object function, Iterable<?> input, int chunksize, boolean ordered, ProgressListener progress) {
        Objects.requireNonNull(input, "input");
        core.checkRunning();
        return Jobs.iterate(core, function, input, chunksize, ordered, progress);
    }

    // ------------------------------------------------------------------ starmap

    /** Python's {@code starmap(f, [(a, b), ...])}. */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> function,
                                     Iterable<? extends Args.Two<A, B>> input) {
        return this.<R>mapOutcome(new Calls.StarTwo<>(nonNull(function)), input, 0, null, null, null).join();
    }

    /** Python's {@code starmap(f, [(a, b), ...], chunksize)}. */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> function,
                                     Iterable<? extends Args.Two<A, B>> input, int chunksize) {
        return this.<R>mapOutcome(new Calls.StarTwo<>(nonNull(function)), input, positive(chunksize), null, null, null).join();
    }

    /** Python's {@code starmap(f, [(a, b, c), ...])}. */
    public <A, B, C, R> List<R> starmap(SerializableTriFunction<? super A, ? super B, ? super C, ? extends R> function,
                                        Iterable<? extends Args.Three<A, B, C>> input) {
        return this.<R>mapOutcome(new Calls.StarThree<>(nonNull(function)), input, 0, null, null, null).join();
    }

    /** Python's {@code starmap(f, [(a, b, c), ...], chunksize)}. */
    public <A, B, C, R> List<R> starmap(SerializableTriFunction<? super A, ? super B, ? super C, ? extends R> function,
                                        Iterable<? extends Args.Three<A, B, C>> input, int chunksize) {
        return this.<R>mapOutcome(new Calls.StarThree<>(nonNull(function)), input, positive(chunksize), null, null, null).join();
    }

    /** Python's {@code starmap_async(f, [(a, b), ...])}. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> function,
                                                       Iterable<? extends Args.Two<A, B>> input) {
        return mapOutcome(new Calls.StarTwo<>(nonNull(function)), input, 0, null, null, null);
    }

    /** Python's {@code starmap_async(f, [(a, b), ...], chunksize, callback, error_callback)}. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> function,
                                                       Iterable<? extends Args.Two<A, B>> input, Consumer<? super List<R>> callback,
                                                       Consumer<? super Throwable> errorCallback) {
        return mapOutcome(new Calls.StarTwo<>(nonNull(function)), input, 0, null, callback, errorCallback);
    }

    /** Python's {@code starmap_async(f, [(a, b, c), ...])}. */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(SerializableTriFunction<? super A, ? super B, ? super C, ? extends R> function,
                                                          Iterable<? extends Args.Three<A, B, C>> input) {
        return mapOutcome(new Calls.StarThree<>(nonNull(function)), input, 0, null, null, null);
    }

    /** Python's {@code starmap_async(f, [(a, b, c), ...], callback=..., error_callback=...)}. */
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(SerializableTriFunction<? super A, ? super B, ? super C, ? extends R> function,
                                                          Iterable<? extends Args.Three<A, B, C>> input,
                                                          Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapOutcome(new Calls.StarThree<>(nonNull(function)), input, 0, null, callback, errorCallback);
    }

    private static <F> F nonNull(F function) { return Objects.requireNonNull(function, "function"); }

    private static int positive(int chunksize) {
        if (chunksize <= 0) throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        return chunksize;
    }

    // ------------------------------------------------------------------ lifecycle (Python)

    /**
     * Python's {@code terminate()}: kills the workers at once; pending results are cancelled ({@code ready()} true,
     * {@code successful()} false, {@code get} throws {@link CancellationException}).
     */
    public void terminate() { core.terminate(); }

    /** Python's {@code join()}: waits for the workers to end; only after close/shutdown/terminate. */
    public void join() { core.join(); }

    /** The worker processes running now (they change as workers are replaced). */
    public List<Process> workers() { return core.workers(); }

    /** Number of worker places (Python's {@code _processes}). */
    public int processes() { return core.size(); }

    // ------------------------------------------------------------------ ExecutorService

    /** Runs {@code task} in a worker; the Future's {@code get} wraps the task's exception in ExecutionException. */
    public <T> AsyncResult<T> submit(SerializableCallable<T> task) {
        return submitCallable(task);
    }

    /** ExecutorService's submit: {@code task} must be serializable (else IllegalArgumentException naming its class). */
    @Override
    public <T> AsyncResult<T> submit(Callable<T> task) {
        return submitCallable(task);
    }

    /** ExecutorService's submit: {@code task} must be serializable; the Future yields null. */
    @Override
    public AsyncResult<?> submit(Runnable task) {
        return submitCallable(new Calls.RunThenReturn<>(Objects.requireNonNull(task, "task"), null));
    }

    /** ExecutorService's submit: {@code task} must be serializable; the Future yields {@code result}. */
    @Override
    public <T> AsyncResult<T> submit(Runnable task, T result) {
        return submitCallable(new Calls.RunThenReturn<>(Objects.requireNonNull(task, "task"), result));
    }

    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    private <T> AsyncResult<T> submitCallable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        if (isShutdown()) throw new RejectedExecutionException("pool is shut down");
        try {
            return Jobs.call(core, task, null, null);
        } catch (IllegalStateException closedMeanwhile) {
            throw new RejectedExecutionException("pool is shut down", closedMeanwhile);
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | CancellationException ignored) {
                    // reported through the Future
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException ignored) {
                    // reported through the Future
                } catch (TimeoutException e) {
                    break;
                }
            }
        } finally {
            for (Future<T> f : futures) f.cancel(true); // no-op for the finished ones
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return any(tasks, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new AssertionError("no timeout was given", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return any(tasks, unit.toNanos(timeout));
    }

    private <T> T any(Collection<? extends Callable<T>> tasks, long nanos) throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) throw new IllegalArgumentException("no tasks");
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        var done = new LinkedBlockingQueue<AsyncResult<T>>();
        List<AsyncResult<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) {
                AsyncResult<T> f = submitCallable(t);
                futures.add(f);
                f.toCompletableFuture().whenComplete((v, e) -> done.add(f));
            }
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                AsyncResult<T> f = deadline == Long.MAX_VALUE ? done.take()
                    : done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) throw new TimeoutException("no task completed in time");
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (AsyncResult<T> f : futures) f.cancel(true);
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) futures.add(submitCallable(t));
        return futures;
    }

    /** ExecutorService's shutdown, Python's {@code close()}: queued work finishes, then the workers stop. Returns at once. */
    @Override
    public void shutdown() { core.close(); }

    /**
     * ExecutorService's shutdownNow: {@link #terminate()}. Returns an empty list: queued tasks are cancelled
     * (their Futures say so), and none of them is a Runnable of the caller's.
     */
    @Override
    public List<Runnable> shutdownNow() {
        core.terminate();
        return List.of();
    }

    @Override public boolean isShutdown() { return core.isShutdown(); }

    @Override public boolean isTerminated() { return core.isShutdown() && core.isTerminated(); }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return core.awaitEnd(Math.max(0, unit.toNanos(timeout)));
    }

    /**
     * ExecutorService's close (try-with-resources): shuts down, lets queued work finish, and waits for the workers
     * to end. Interrupted meanwhile: terminates instead, and returns with the interrupt flag set.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        shutdown();
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) terminate();
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public String toString() {
        return "Pool(processes=" + core.size() + (core.isRunning() ? "" : core.isTerminated() ? ", ended" : ", closing") + ")";
    }
}
