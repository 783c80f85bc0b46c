package dev.mp4j.internal.pool;

import dev.mp4j.AsyncResult;
import dev.mp4j.internal.sync.Spin;
import dev.mp4j.internal.sync.Waits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one result of a pool call (apply, submit, map): settled once, by whichever comes first of its value, its
 * failure or its cancellation. Callbacks run before waiters are released, as in CPython, so {@code get()} returns
 * after the callback has run. Waiters busy-wait briefly before sleeping, yielding their core to any thread ready to
 * run (see {@link Spin}): a pool round trip is a few microseconds, less than a sleeping thread takes to wake.
 */
public class Outcome<R> implements AsyncResult<R> {
    private static final int PENDING = 0, SETTLING = 1, OK = 2, FAILED = 3, CANCELLED = 4;

    private volatile int state;
    private R value;
    private Throwable error;
    private final Consumer<? super R> callback;
    private final Consumer<? super Throwable> errorCallback;
    private List<Runnable> listeners;
    private int sleepers;

    private final Executor callbackThread;

    public Outcome() { this(null, null, null); }

    /**
     * @param callbackThread where callbacks run (null: in the settling thread). A pool passes its callback thread, so
     *     that a callback that blocks, even on the same pool, never stops a worker's results from being read.
     */
    public Outcome(Consumer<? super R> callback, Consumer<? super Throwable> errorCallback, Executor callbackThread) {
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.callbackThread = callbackThread;
    }

    // ------------------------------------------------------------------ settling (pool threads)

    public boolean complete(R v) { return settle(OK, v, null); }

    public boolean fail(Throwable t) { return settle(FAILED, null, t); }

    /** Cancels a pending result; its callbacks do not run. */
    public boolean cancelPending(String why) { return settle(CANCELLED, null, new CancellationException(why)); }

    private boolean settle(int to, R v, Throwable t) {
        synchronized (this) {
            if (state != PENDING) return false;
            state = SETTLING;
        }
        value = v;
        error = t;
        boolean callsBack = to == OK && callback != null || to == FAILED && errorCallback != null;
        if (callsBack && callbackThread != null) {
            try {
                callbackThread.execute(() -> publish(to, v, t));
                return true;
            } catch (RejectedExecutionException poolGone) {
                // run it here
            }
        }
        publish(to, v, t);
        return true;
    }

    /** Runs the callback, then makes the result visible: get() returns after the callback, as in CPython. */
    private void publish(int to, R v, Throwable t) {
        if (to == OK && callback != null) runCallback(() -> callback.accept(v));
        if (to == FAILED && errorCallback != null) runCallback(() -> errorCallback.accept(t));
        List<Runnable> run;
        synchronized (this) {
            state = to;
            if (sleepers > 0) notifyAll();
            run = listeners;
            listeners = null;
        }
        if (run != null) run.forEach(this::runListener);
    }

    /** CompletableFuture dependents run on the callback thread too: user code never runs on a worker's reader. */
    private void runListener(Runnable r) {
        if (callbackThread != null) {
            try {
                callbackThread.execute(r);
                return;
            } catch (RejectedExecutionException poolGone) {
                // run it here
            }
        }
        r.run();
    }

    private static void runCallback(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            report(e);
        }
    }

    /** A user callback's bug: reported as an uncaught exception would be, and the pool goes on. */
    static void report(Throwable e) {
        Thread t = Thread.currentThread();
        var handler = t.getUncaughtExceptionHandler();
        if (handler != null) handler.uncaughtException(t, e);
    }

    /** Runs {@code r} once settled (at once if already). */
    void whenDone(Runnable r) {
        synchronized (this) {
            if (state < OK) {
                if (listeners == null) listeners = new ArrayList<>(2);
                listeners.add(r);
                return;
            }
        }
        r.run();
    }

    // ------------------------------------------------------------------ waiting

    /** Waits until settled or {@code deadline}; true if settled. Interrupt: InterruptedException. */
    boolean await(long deadline) throws InterruptedException {
        if (state >= OK) return true;
        // Busy-waits, yielding (a pure spin took the core from the very threads it waits for, the worker and the
        // pool's reader: on two cores an apply() took 160 us instead of 25); a parked caller is woken late when
        // those threads hold both cores, and one apply in a hundred took 230 us
        long start = System.nanoTime();
        while (state < OK && Spin.pause(start, Spin.PURE_NANOS, Spin.BUSY_NANOS)) {
            if (deadline != Waits.FOREVER && System.nanoTime() - deadline > 0) break;
        }
        synchronized (this) {
            sleepers++;
            try {
                while (state < OK) {
                    if (Thread.interrupted()) throw new InterruptedException();
                    long left = Waits.left(deadline);
                    if (left <= 0) return false;
                    if (left == Waits.FOREVER) wait();
                    else TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } finally {
                sleepers--;
            }
        }
        return true;
    }

    /** Waits with the pool's rules for calls without checked exceptions: interrupt → CancellationException. */
    boolean awaitUnchecked(long deadline) {
        try {
            return await(deadline);
        } catch (InterruptedException e) {
            throw Waits.cancelled();
        }
    }

    /** The value for apply/map: the task's unchecked exception as is, a checked one in RemoteException. */
    public R join() {
        awaitUnchecked(Waits.FOREVER);
        return valueOrThrow();
    }

    R valueOrThrow() {
        return switch (state) {
            case OK -> value;
            case CANCELLED -> throw new CancellationException(error.getMessage());
            default -> throw Errors.rethrowable(error);
        };
    }

    // ------------------------------------------------------------------ AsyncResult / Future

    @Override public boolean ready() { return state >= OK; }

    @Override
    public boolean successful() {
        int s = state;
        if (s < OK) throw new IllegalStateException("result is not ready");
        return s == OK;
    }

    @Override
    public boolean waitReady(Duration timeout) {
        return awaitUnchecked(Waits.deadline(Waits.nanos(timeout)));
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        await(Waits.FOREVER);
        return futureValue();
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!await(Waits.deadline(Math.max(0, unit.toNanos(timeout))))) throw new TimeoutException("result not ready after " + timeout + " " + unit.toString().toLowerCase());
        return futureValue();
    }

    private R futureValue() throws ExecutionException {
        return switch (state) {
            case OK -> value;
            case CANCELLED -> throw new CancellationException(error.getMessage());
            default -> throw new ExecutionException(error);
        };
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancelPending("cancelled");
    }

    @Override public boolean isCancelled() { return state == CANCELLED; }

    @Override public boolean isDone() { return state >= OK; }

    @Override
    public State state() {
        return switch (state) {
            case OK -> State.SUCCESS;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
            default -> State.RUNNING;
        };
    }

    @Override
    public R resultNow() {
        if (state != OK) throw new IllegalStateException("no result: " + state());
        return value;
    }

    @Override
    public Throwable exceptionNow() {
        if (state != FAILED) throw new IllegalStateException("no exception: " + state());
        return error;
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        var f = new CompletableFuture<R>();
        whenDone(() -> {
            if (state == OK) f.complete(value);
            else f.completeExceptionally(error);
        });
        return f;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + state() + "]";
    }
}
