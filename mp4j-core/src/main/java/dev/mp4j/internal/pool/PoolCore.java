package dev.mp4j.internal.pool;

import dev.mp4j.Context;
import dev.mp4j.Process;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.WorkerLostException;
import dev.mp4j.internal.backend.Backends;
import dev.mp4j.internal.sync.Waits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine under {@link dev.mp4j.Pool}: a queue of tasks in the parent, and per worker a {@link Slot} whose
 * thread feeds its worker from that queue, reads its results ({@link Results}; apply() callers read their own) and
 * replaces it when it ends. A worker that dies fails only the task it was running (the first of those sent to it);
 * tasks sent behind it go back to the front of the queue. Nothing waits on a worker without also watching it end,
 * so nothing hangs.
 *
 * <p>Where the tasks run is the one thing that differs between a pool of local worker processes and a pool over a
 * cluster: with {@link Backends.OfWorkers} (an engine's workers) there are no slots, and queued tasks go to the
 * workers, at most {@code parallelism()} at a time, each carrying its function; the jobs above (chunking, ordering,
 * laziness, callbacks, progress, errors) are the same.
 */
public final class PoolCore {
    private static final int RUNNING = 0, CLOSED = 1, TERMINATED = 2;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static volatile boolean jvmExiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> jvmExiting = true, "mp4j-pool-exit"));
    }

    private final int poolNumber = POOLS.incrementAndGet();
    private final SerializableRunnable initializer;
    private final int maxTasks;
    private final Context context;
    final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Task> pending = new ArrayDeque<>();
    private final Slot[] slots;
    private final Results results = new Results(this);
    private final CountDownLatch slotsEnded;
    /** Runs applyAsync/mapAsync callbacks one at a time, in order, like CPython's result-handler thread. */
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mp4j-pool-callbacks").factory());
    private volatile int state = RUNNING;
    private int feeders;
    private final java.util.concurrent.atomic.AtomicLong taskIds = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger workersStarted = new AtomicInteger();
    /** Non-null for a pool whose tasks run elsewhere (a cluster); then there are no slots. */
    private final Backends.OfWorkers remote;
    /** Tasks handed to {@code remote} and not answered yet, with their cancel handles (guarded by the lock). */
    private final java.util.LinkedHashMap<Task, java.util.concurrent.Future<?>> remoteRunning = new java.util.LinkedHashMap<>();
    private boolean remoteEnded;

    public PoolCore(int processes, SerializableRunnable initializer, int maxTasks, Context context) {
        this(processes, initializer, maxTasks, context, null);
    }

    /** A pool whose tasks run on {@code workers} (an engine's, such as a cluster's executor). */
    public PoolCore(Backends.OfWorkers workers) {
        this(0, null, 0, null, java.util.Objects.requireNonNull(workers, "workers"));
    }

    private PoolCore(int processes, SerializableRunnable initializer, int maxTasks, Context context, Backends.OfWorkers remote) {
        this.initializer = initializer;
        this.maxTasks = maxTasks;
        this.context = context;
        this.remote = remote;
        this.slots = new Slot[remote == null ? processes : 0];
        this.slotsEnded = new CountDownLatch(remote == null ? processes : 1);
        for (int i = 0; i < processes; i++) {
            Slot s = slots[i] = new Slot(i);
            s.thread = Thread.ofPlatform().daemon().name("mp4j-pool-" + poolNumber + "-worker-" + (i + 1)).unstarted(() -> life(s));
        }
        for (Slot s : slots) s.thread.start();
    }

    public int size() { return remote != null ? remote.parallelism() : slots.length; }

    Executor callbackThread() { return callbacks; }

    // ------------------------------------------------------------------ submitting (callers' threads)

    /** Queues the tasks (all or none); IllegalStateException once closed or terminated. */
    void submit(List<Task> tasks) {
        lock.lock();
        try {
            checkRunning();
            pending.addAll(tasks);
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    Task task(Job job, int index, long start, int count, Task.Payload payload) {
        return new Task(job, taskIds.incrementAndGet(), index, start, count, payload.bytes(), payload.packed());
    }

    /** A feeder (imap) may submit after close(), until its input ends. */
    void feederStarted() {
        lock.lock();
        try {
            checkRunning();
            feeders++;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a feeder's chunk; false once the pool is terminated. */
    boolean feed(Task t) {
        lock.lock();
        try {
            if (state == TERMINATED) return false;
            pending.add(t);
            dispatch();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void feederEnded() {
        lock.lock();
        try {
            feeders--;
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    public void checkRunning() {
        if (state != RUNNING) throw new IllegalStateException(state == CLOSED ? "pool is closed" : "pool is terminated");
    }

    public boolean isRunning() { return state == RUNNING; }

    /** Hands queued tasks to workers with room. Lock held. */
    void dispatch() {
        if (remote != null) {
            dispatchRemote();
            return;
        }
        while (!pending.isEmpty()) {
            Slot best = null;
            for (Slot s : slots) {
                if (s.room() > 0 && (best == null || s.inflight.size() < best.inflight.size())) best = s;
            }
            if (best == null) break;
            // fill the least busy worker, leaving the rest of the queue for the others
            int share = Math.max(1, Math.min(best.room(), (pending.size() + slots.length - 1) / slots.length));
            List<Task> batch = new ArrayList<>(share);
            long bytes = 0;
            while (batch.size() < share && !pending.isEmpty()) {
                Task t = pending.peekFirst();
                if (!batch.isEmpty() && bytes + t.payload().length > Jobs.MAX_PAYLOAD) break; // one message must fit the pipe
                pending.pollFirst();
                if (t.job().finished()) continue;
                batch.add(t);
                bytes += t.payload().length;
            }
            if (batch.isEmpty()) continue;
            try {
                best.send(batch);
            } catch (RuntimeException e) {
                // cannot happen for sizes checked at submit; fail these tasks rather than lose them
                for (Task t : batch) Thread.ofVirtual().start(() -> Results.deliver(t, false, e));
                continue;
            }
            for (Task t : batch) {
                // only where first sent: a task sent again after its worker died is left to the slot's thread, while
                // its caller, still counted where it was first sent, sees that worker's end and stops reading
                if (t.job() instanceof CallJob<?> c && c.attended && c.slot == null) {
                    c.slot = best;
                    c.generation = best.generation;
                    best.attending++;
                }
            }
            // unless a caller reads these results, the slot's thread must (unparking a running thread is cheap)
            if (best.attending == 0) LockSupport.unpark(best.thread);
        }
        if (state == CLOSED && pending.isEmpty() && feeders == 0) {
            for (Slot s : slots) if (s.ready && !s.stopping && s.inflight.isEmpty()) s.stop();
        }
    }

    // ------------------------------------------------------------------ remote workers

    /** Hands queued tasks to the remote workers, keeping at most parallelism() running. Lock held. */
    private void dispatchRemote() {
        while (!pending.isEmpty() && remoteRunning.size() < remote.parallelism() && state != TERMINATED) {
            Task t = pending.pollFirst();
            if (t.job().finished()) continue;
            remoteRunning.put(t, null);
            java.util.concurrent.Future<?> f;
            try {
                f = remote.execute(Wire.task(t, true), (reply, error) -> remoteDone(t, reply, error));
            } catch (RuntimeException e) {
                remoteRunning.remove(t);
                Thread.ofVirtual().start(() -> Results.deliver(t, false, e));
                continue;
            }
            if (remoteRunning.containsKey(t)) remoteRunning.put(t, f);
        }
        if (state != RUNNING && pending.isEmpty() && feeders == 0 && remoteRunning.isEmpty()) endRemote();
    }

    /** A remote task's answer (or why there is none). Any thread. */
    private void remoteDone(Task t, byte[] reply, Throwable error) {
        lock.lock();
        try {
            remoteRunning.remove(t);
            dispatch();
        } finally {
            lock.unlock();
        }
        if (state == TERMINATED) {
            t.job().cancel("pool terminated");
            return;
        }
        if (error != null) {
            Results.deliver(t, false, error);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        byte kind = b.get();
        b.getLong(); // task id
        b.getLong(); // run time
        Results.deliverEncoded(t, kind, b);
    }

    /** The remote pool has nothing more to run: release the workers. Lock held. */
    private void endRemote() {
        if (remoteEnded) return;
        remoteEnded = true;
        try {
            remote.shutdown();
        } catch (RuntimeException e) {
            Outcome.report(e);
        }
        slotsEnded.countDown();
        callbacks.shutdown(); // queued callbacks still run
    }

    // ------------------------------------------------------------------ a slot's thread

    private void life(Slot s) {
        try {
            int quickDeaths = 0;
            while (shouldStart()) {
                if (quickDeaths > 0) backOff(Math.min(5_000, 50L << Math.min(quickDeaths, 7)));
                long started = System.nanoTime();
                s.answered = 0;
                if (!startWorker(s)) continue;
                try {
                    results.read(s);
                } catch (RuntimeException | Error e) {
                    // a broken conversation (a bug, or a corrupted message): end this worker and go on with a new one
                    Outcome.report(e);
                    s.process.kill();
                    Results.drainUntilDied(s);
                }
                // a worker that keeps dying at start-up (bad JVM options, a failing initializer) is retried ever
                // more slowly rather than in a hot loop
                boolean quick = s.answered == 0 && System.nanoTime() - started < 1_000_000_000L;
                workerEnded(s);
                quickDeaths = quick ? quickDeaths + 1 : 0;
            }
        } finally {
            slotsEnded.countDown();
            if (slotsEnded.getCount() == 0) callbacks.shutdown(); // queued callbacks still run
        }
    }

    private boolean shouldStart() {
        lock.lock();
        try {
            if (jvmExiting) return false;
            return state == RUNNING || state == CLOSED && (!pending.isEmpty() || feeders > 0);
        } finally {
            lock.unlock();
        }
    }

    private boolean startWorker(Slot s) {
        Process p;
        try {
            s.openPipe();
            s.generation++; // before diedRead is cleared: see attend()
            s.diedRead = false;
            s.broken = null;
            String kind = context.startMethod() == dev.mp4j.StartMethod.WARM ? "Warm" : "Spawn"; // Python: SpawnPoolWorker-1
            p = Process.builder().name(kind + "PoolWorker-" + workersStarted.incrementAndGet())
                .daemon(true).context(context).target(new WorkerMain(s.workerEnd, s.board, initializer, maxTasks)).build();
            p.start();
        } catch (RuntimeException | Error e) {
            s.reset();
            failPending(e); // a worker that cannot start at all must not leave callers waiting
            backOff(100);
            return false;
        }
        var workerEnd = s.workerEnd;
        p.onExit().thenRun(() -> {
            lock.lock();
            try {
                if (s.process == p) s.ready = false; // send it nothing more
            } finally {
                lock.unlock();
            }
            try {
                workerEnd.sendBytes(Wire.DIED_MESSAGE);
            } catch (RuntimeException ignored) {
                // the pipe is already closed: nobody is reading
            }
            LockSupport.unpark(s.thread); // it may sleep, the worker having nothing in hand
        });
        lock.lock();
        try {
            s.process = p;
            s.ready = true;
            s.quota = maxTasks > 0 ? maxTasks : Integer.MAX_VALUE;
            if (state == TERMINATED) p.kill();
            else dispatch();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** apply()'s wait for its result: see {@link Results#attend}. */
    void attend(CallJob<?> job) { results.attend(job); }

    /** The worker has ended (DIED was read): fail the task it ran, requeue the ones behind it. */
    private void workerEnded(Slot s) {
        Process p = s.process;
        Integer code = p.exitCode();
        Task lost = null;
        boolean neverRan;
        lock.lock();
        try {
            // Blame only the task it had started. A worker that never started any (it died starting up, e.g. in
            // its initializer) is blamed for its first one too: retrying it for ever is CPython's hang.
            long started = s.lastStarted();
            Task head = s.inflight.peekFirst();
            neverRan = started == 0;
            if (head != null && (head.id() == started || neverRan)) lost = s.inflight.pollFirst();
            while (!s.inflight.isEmpty()) pending.addFirst(s.inflight.pollLast());
            s.reset();
            s.process = null;
            if (state == TERMINATED) {
                for (Task t : pending) t.job().cancel("pool terminated");
                pending.clear();
            }
            dispatch();
        } finally {
            lock.unlock();
        }
        if (lost != null && state != TERMINATED) {
            lost.job().failed(lost, new WorkerLostException("pool worker " + p.name() + " (pid " + p.pid()
                + ") died with exit code " + code + (neverRan ? " before it could run the task" : " while running the task")));
        } else if (lost != null) {
            lost.job().cancel("pool terminated");
        }
        // not closed: a caller may still hold it from workers() and ask for its exit code
    }

    private void failPending(Throwable e) {
        List<Task> failed;
        lock.lock();
        try {
            failed = new ArrayList<>(pending);
            pending.clear();
        } finally {
            lock.unlock();
        }
        for (Task t : failed) t.job().failed(t, new WorkerLostException("could not start a pool worker: " + e, e));
    }

    // ------------------------------------------------------------------ ending

    /** Python's close(): no new work; workers stop once the queue is empty. */
    public void close() {
        lock.lock();
        try {
            if (state != RUNNING) return;
            state = CLOSED;
            dispatch();
        } finally {
            lock.unlock();
        }
    }

    /** Python's terminate(): kills the workers now and cancels every pending result. */
    public void terminate() {
        List<Task> dropped = new ArrayList<>();
        List<Process> running = new ArrayList<>();
        lock.lock();
        try {
            if (state == TERMINATED) return;
            state = TERMINATED;
            dropped.addAll(pending);
            pending.clear();
            for (Slot s : slots) {
                dropped.addAll(s.inflight);
                if (s.process != null) running.add(s.process);
            }
            if (remote != null) {
                for (var e : remoteRunning.entrySet()) {
                    dropped.add(e.getKey());
                    if (e.getValue() != null) e.getValue().cancel(true);
                }
                remoteRunning.clear();
                endRemote();
            }
        } finally {
            lock.unlock();
        }
        for (Process p : running) {
            try {
                p.kill();
            } catch (IllegalStateException closedByItsHolder) {
                // someone closed it through workers(): it has ended
            }
        }
        for (Task t : dropped) t.job().cancel("pool terminated");
    }

    public boolean isShutdown() { return state != RUNNING; }

    public boolean isTerminated() { return slotsEnded.getCount() == 0; }

    /** Waits until every worker has ended; false on timeout. */
    public boolean awaitEnd(long nanos) throws InterruptedException {
        return slotsEnded.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Python's join(): only after close or terminate. */
    public void join() {
        if (state == RUNNING) throw new IllegalStateException("join() before close() or terminate()");
        try {
            slotsEnded.await();
        } catch (InterruptedException e) {
            throw Waits.cancelled();
        }
    }

    /** Live worker processes (tests, diagnostics). */
    public List<Process> workers() {
        lock.lock();
        try {
            List<Process> out = new ArrayList<>();
            for (Slot s : slots) if (s.process != null) out.add(s.process);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps {@code millis}, or less if the pool is terminated meanwhile. */
    private void backOff(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (state != TERMINATED && !jvmExiting && System.nanoTime() < end) sleepQuietly(20);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
