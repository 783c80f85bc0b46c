package dev.mp4j;

import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Lambdas;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.runtime.Bootstrap;
import dev.mp4j.internal.runtime.Bridge;
import dev.mp4j.internal.runtime.Child;
import dev.mp4j.internal.runtime.Children;
import dev.mp4j.internal.shm.ProcessIdentity;
import dev.mp4j.internal.shm.Segment;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Python's {@code multiprocessing.Process}: runs a target in a separate child JVM.
 *
 * <pre>{@code
 * var p = new Process(() -> System.out.println("hello from " + Process.current().name()));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>The target (a serializable lambda or method reference) or the subclass instance, with its fields, is
 * serialized at {@link #start()} and run in the child; a value in it that cannot be serialized fails
 * {@code start()} with an {@link IllegalArgumentException} naming the class and the field path, and nothing is
 * launched. Children print to this JVM's stdout and stderr. A child never outlives its parent: it ends within
 * moments when the parent dies, however it dies. When {@code main} returns, non-daemon children are waited for
 * (like non-daemon threads) and daemon children are terminated; when the JVM exits otherwise (System.exit, a
 * signal) every child is terminated.
 *
 * <p>Exit codes as Python reports them: 0; 1 for an uncaught exception (its stack trace on the child's stderr);
 * {@code n} for {@code System.exit(n)}; {@code -N} for a child ended by signal N ({@code -15} after
 * {@link #terminate()}, {@code -9} after {@link #kill()} or an outside kill -9). {@code Runtime.halt(n)} with
 * n above 128 looks like a signal from outside and is reported as one.
 *
 * <p>Instances are safe to use from several threads.
 */
public class Process implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Process current;
    private static volatile Process parent;

    static {
        Bridge.install(new Bridge.ProcessSupport() {
            @Override
            public int runChild(Bootstrap bootstrap) {
                return Process.runChild(bootstrap);
            }

            @Override
            public byte[] trainingBootstrap() {
                byte[] target = Lambdas.encodeStaticRunnable(Process.class, "idle", "()V");
                byte[] form = fieldsForm("Process-1", false, new int[] {1}, Context.getDefault(), target);
                return new Bootstrap("MainProcess", ProcessIdentity.PID, form).encode();
            }

            @Override
            public void warmUp() {
                var sample = new Process("warm-up", () -> { }, false, Context.getDefault(), new int[] {0});
                try {
                    var copy = fromChildForm(sample.childForm());
                    copy.initTransient(Kind.SELF, ProcessIdentity.PID);
                    copy.run(); // a no-op, through the reflective call a real target takes
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Children.activeOwners();
            }

            @Override
            public void trainHotPaths() {
                // A stream, as a producer child makes one: a consumer thread beside the producer, so the profiles
                // include a ring that runs ahead onto fresh pages and a consumer that catches up and naps (a profile
                // without those paths gets the compiled put thrown away at its first use of them).
                // No lambdas here or in warmUpShared: a training run would spin their classes, and the cache (which a
                // JVM loads whole at start-up) would hold them and the class-file API that made them.
                var queue = new Queue<Object>();
                var consumer = new Thread(new Runnable() {
                    @Override public void run() {
                        while (queue.get() != null) {
                            // drained until the end marker
                        }
                    }
                }, "mp4j-train-consumer");
                consumer.start();
                try {
                    for (int i = 0; i < 300_000; i++) queue.put(i);
                    queue.put(null);
                    consumer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    queue.close();
                }
            }

            @Override
            public void warmUpShared() {
                var queue = new Queue<Object>();
                var lock = new Lock();
                var rlock = new RLock();
                var event = new Event();
                Pipe<Object> pipe = Pipe.open(); // every pool worker and manager server is handed a pipe end
                try {
                    byte[] sample = Lambdas.encodeStaticRunnable(Process.class, "exerciseShared",
                        "(Ldev/mp4j/Queue;Ldev/mp4j/Lock;Ldev/mp4j/RLock;Ldev/mp4j/Event;Ldev/mp4j/Connection;)V",
                        queue, lock, rlock, event, pipe.right());
                    ((SerializableRunnable) Lambdas.decodeRunnable(java.nio.ByteBuffer.wrap(sample))).run();
                    queue.get();
                    event.await(java.time.Duration.ZERO);
                    pipe.left().recv();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    queue.close();
                    pipe.left().close();
                    pipe.right().close();
                }
            }
        });
    }

    private enum Kind { LOCAL, SELF, PARENT }

    private volatile String name;
    private volatile boolean daemon;
    private final SerializableRunnable target;
    private final int[] identity;
    private final Context context;

    private transient volatile Kind kind;
    private transient volatile Child child;
    private transient volatile long pid;
    private transient volatile boolean closed;
    private transient CompletableFuture<Process> ended;

    /** For subclasses that override {@link #run()}; named like Python's {@code Process-N}. */
    protected Process() {
        this(null, null, false, Context.getDefault());
    }

    /** Python's {@code Process(target=f)}: {@code new Process(() -> f(a))}. */
    public Process(SerializableRunnable target) {
        this(null, Objects.requireNonNull(target, "target"), false, Context.getDefault());
    }

    /** Python's {@code Process(target=f, name=name)}. */
    public Process(String name, SerializableRunnable target) {
        this(Objects.requireNonNull(name, "name"), Objects.requireNonNull(target, "target"), false,
            Context.getDefault());
    }

    private Process(String name, SerializableRunnable target, boolean daemon, Context context) {
        int[] mine = current().identity;
        this.identity = Arrays.copyOf(mine, mine.length + 1);
        this.identity[mine.length] = COUNTER.incrementAndGet();
        this.name = name != null ? name : "Process-" + Arrays.stream(identity).mapToObj(Integer::toString)
            .collect(Collectors.joining(":"));
        this.target = target;
        this.daemon = daemon;
        this.context = Objects.requireNonNull(context, "context");
        initTransient(Kind.LOCAL, 0);
    }

    /** A plain process rebuilt in its child from {@link #childForm()}'s fields. */
    private Process(String name, SerializableRunnable target, boolean daemon, Context context, int[] identity) {
        this.identity = identity;
        this.name = name;
        this.target = target;
        this.daemon = daemon;
        this.context = context;
        initTransient(Kind.LOCAL, 0);
    }

    /** This JVM as a Process (MainProcess) or its parent as seen from a child. */
    private Process(String name, long pid, Kind kind) {
        this.identity = new int[0];
        this.name = name;
        this.target = null;
        this.context = Context.getDefault();
        initTransient(kind, pid);
    }

    private void initTransient(Kind k, long p) {
        this.kind = k;
        this.pid = p;
        this.ended = new CompletableFuture<>();
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        initTransient(Kind.LOCAL, 0);
    }

    /** Python's keyword arguments: {@code Process.builder().name("w").daemon(true).target(...).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Process}; every setting is optional (no target: {@link #run()} does nothing). */
    public static final class Builder {
        private String name;
        private boolean daemon;
        private SerializableRunnable target;
        private Context context;

        private Builder() {}

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        public Builder target(SerializableRunnable target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The context that starts it (start method, JVM options); {@link Context#getDefault()} otherwise. */
        public Builder context(Context context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        public Process build() {
            return new Process(name, target, daemon, context != null ? context : Context.getDefault());
        }
    }

    /** Python's {@code run()}: what the child executes. Runs the target by default; subclasses override it. */
    public void run() throws Exception {
        if (target != null) target.run();
    }

    /**
     * Python's {@code start()}: serializes this process and launches it in a child JVM, then returns.
     *
     * @throws IllegalArgumentException if something in the target or a field cannot be serialized
     * @throws IllegalStateException if already started, closed, or this is {@link #current()}
     */
    public void start() {
        synchronized (this) {
            checkOpen();
            if (kind != Kind.LOCAL) throw new IllegalStateException("cannot start " + describeKind());
            if (child != null) throw new IllegalStateException("cannot start a process twice: " + name);
            Process me = current();
            long segments = Segment.writtenByThisThread();
            byte[] bootstrap = new Bootstrap(me.name, me.pid, childForm()).encode();
            boolean sharesMemory = Segment.writtenByThisThread() != segments;
            Child started = Child.start(context.startMethod() == StartMethod.WARM, context.jvmOptions(), bootstrap,
                sharesMemory, target != null ? target.getClass() : getClass());
            child = started;
            started.register(this, daemon);
            started.exit().whenComplete((code, error) -> ended.complete(this));
        }
    }

    /** Python's {@code join()}: waits until the process ends. */
    public void join() {
        if (!waitEnded(null)) throw new AssertionError("unreachable");
    }

    /**
     * Python's {@code join(timeout)}: waits at most {@code timeout} (zero or negative: not at all).
     *
     * @return true once the process has ended, false on timeout
     */
    public boolean join(Duration timeout) {
        return waitEnded(Objects.requireNonNull(timeout, "timeout"));
    }

    private boolean waitEnded(Duration timeout) {
        checkOpen();
        CompletableFuture<?> done = switch (kind) {
            case SELF -> throw new IllegalStateException("cannot join the current process");
            case PARENT -> ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null));
            case LOCAL -> {
                if (child == null) throw new IllegalStateException("can only join a started process: " + name);
                yield ended;
            }
        };
        try {
            if (timeout == null) done.get();
            else if (timeout.isPositive()) done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return done.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while joining " + name);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Python's {@code is_alive()}: started and not yet ended (the current process is always alive). */
    public boolean isAlive() {
        checkOpen();
        return switch (kind) {
            case SELF -> true;
            case PARENT -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            case LOCAL -> child != null && child.isAlive();
        };
    }

    /** Python's {@code terminate()}: sends SIGTERM (exit code -15); nothing for an ended process. */
    public void terminate() {
        started("terminate").terminate();
    }

    /** Python's {@code kill()}: sends SIGKILL (exit code -9); nothing for an ended process. */
    public void kill() {
        started("kill").kill();
    }

    private Child started(String what) {
        checkOpen();
        if (kind != Kind.LOCAL) throw new IllegalStateException("cannot " + what + " " + describeKind());
        Child c = child;
        if (c == null) throw new IllegalStateException("cannot " + what + " a process that was not started: " + name);
        return c;
    }

    /**
     * Python's {@code close()}: releases this handle; afterwards every other method throws
     * {@link IllegalStateException}. Repeatable.
     *
     * @throws IllegalStateException if the process is still running
     */
    public void close() {
        synchronized (this) {
            if (closed) return;
            if (kind != Kind.LOCAL || (child != null && child.isAlive())) {
                throw new IllegalStateException("cannot close a process while it is still running: " + name);
            }
            closed = true;
        }
    }

    /** Python's {@code exitcode}: null until the process has ended. */
    public Integer exitCode() {
        checkOpen();
        Child c = child;
        return c == null ? null : c.exit().getNow(null);
    }

    /** Python's {@code pid}: the OS process id. */
    public long pid() {
        checkOpen();
        if (kind != Kind.LOCAL) return pid;
        Child c = child;
        if (c == null) throw new IllegalStateException("a process has no pid before start(): " + name);
        return c.pid();
    }

    /** Python's {@code name}. */
    public String name() {
        checkOpen();
        return name;
    }

    /** Python's {@code name = ...}; names need not be unique. */
    public void setName(String name) {
        checkOpen();
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Python's {@code daemon}: a daemon child is terminated, not waited for, when its parent's main returns. */
    public boolean isDaemon() {
        checkOpen();
        return daemon;
    }

    /** Python's {@code daemon = ...}; only before {@link #start()}. */
    public void setDaemon(boolean daemon) {
        synchronized (this) {
            checkOpen();
            if (child != null || kind != Kind.LOCAL) {
                throw new IllegalStateException("cannot set daemon on a process that has started: " + name);
            }
            this.daemon = daemon;
        }
    }

    /** Python's {@code sentinel}: completes with this process once it has ended. */
    public CompletableFuture<Process> onExit() {
        checkOpen();
        if (kind == Kind.PARENT) return ProcessHandle.of(pid).map(ProcessHandle::onExit)
            .orElse(CompletableFuture.completedFuture(null)).thenApply(h -> this);
        return ended;
    }

    /** Python's {@code current_process()}: {@code MainProcess} in the main JVM, the running process in a child. */
    public static Process current() {
        Process p = current;
        if (p == null) {
            synchronized (Process.class) {
                if (current == null) current = new Process("MainProcess", ProcessIdentity.PID, Kind.SELF);
                p = current;
            }
        }
        return p;
    }

    /** Python's {@code parent_process()}: empty in the main JVM. */
    public static Optional<Process> parent() {
        return Optional.ofNullable(parent);
    }

    /** Python's {@code active_children()}: children of this JVM that were started and have not yet ended. */
    public static List<Process> activeChildren() {
        var list = new ArrayList<Process>();
        for (Object o : Children.activeOwners()) list.add((Process) o);
        return list;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("process object is closed: " + name);
    }

    private String describeKind() {
        return kind == Kind.SELF ? "the current process" : "the parent process";
    }

    /** Like Python's repr: {@code Process(name=Process-1, pid=123, started, daemon)}. */
    @Override
    public String toString() {
        var s = new StringBuilder(getClass().getSimpleName()).append("(name=").append(name);
        Child c = child;
        if (kind != Kind.LOCAL) s.append(", pid=").append(pid).append(kind == Kind.SELF ? ", current" : ", parent");
        else if (closed) s.append(", closed");
        else if (c == null) s.append(", initial");
        else {
            Integer code = c.exit().getNow(null);
            s.append(", pid=").append(c.pid()).append(code == null ? ", started" : ", stopped exitcode=" + code);
        }
        if (daemon) s.append(", daemon");
        return s.append(')').toString();
    }

    /** In a child JVM: becomes the current process, runs, and returns Python's exit code. */
    private static final byte WHOLE = 0, FIELDS = 1;

    /**
     * What the child receives. A plain {@code Process} (the common case: a lambda target) travels as its fields,
     * its target in {@link Lambdas}' form, all through the codec's fast paths: object streams would cost a cold
     * child JVM some 40 ms. A subclass, whose fields are the user's, travels whole.
     */
    private byte[] childForm() {
        if (getClass() == Process.class && target != null
                && context.equals(Context.restored(context.startMethod(), context.jvmOptions()))) {
            try {
                return fieldsForm(name, daemon, identity, context, Lambdas.encode(target));
            } catch (IllegalArgumentException e) {
                Codec.encode(this); // the same failure, now with the field path from this process down
                throw e;
            }
        }
        byte[] body = Codec.encode(this);
        byte[] out = new byte[body.length + 1];
        out[0] = WHOLE;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The child form of a plain process: its fields, the target already encoded. */
    private static byte[] fieldsForm(String name, boolean daemon, int[] identity, Context context, byte[] target) {
        var fields = new ArrayList<Object>(List.of(name, daemon, identity, context.startMethod().name(),
            new ArrayList<>(context.jvmOptions()), target));
        byte[] body = Codec.encode(fields);
        byte[] out = new byte[body.length + 1];
        out[0] = FIELDS;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The target of a training run's process (see {@code Bridge.ProcessSupport#trainingBootstrap}). */
    private static void idle() {
        // nothing: the run exercises the path to here
    }

    /** What a child handed shared objects does first (see {@code Bridge.ProcessSupport#warmUpShared}). */
    private static void exerciseShared(Queue<Object> queue, Lock lock, RLock rlock, Event event, Connection<Object> pipe) {
        queue.put(1);
        pipe.send(1);
        try (var h = lock.hold()) {
            rlock.acquire();
            rlock.release();
        }
        event.set();
    }

    private static Process fromChildForm(byte[] form) throws Exception {
        if (form[0] == WHOLE) return (Process) Codec.decode(java.nio.ByteBuffer.wrap(form, 1, form.length - 1).slice(), Limits.NONE);
        var f = (List<?>) Codec.decode(java.nio.ByteBuffer.wrap(form, 1, form.length - 1).slice(), Limits.NONE);
        @SuppressWarnings("unchecked") var options = (List<String>) f.get(4);
        var target = (SerializableRunnable) Lambdas.decodeRunnable(java.nio.ByteBuffer.wrap((byte[]) f.get(5)));
        return new Process((String) f.get(0), target, (Boolean) f.get(1),
            Context.restored(StartMethod.valueOf((String) f.get(3)), List.copyOf(options)), (int[]) f.get(2));
    }

    private static int runChild(Bootstrap bootstrap) {
        parent = new Process(bootstrap.parentName(), bootstrap.parentPid(), Kind.PARENT);
        Process self;
        try {
            self = fromChildForm(bootstrap.process());
        } catch (Exception e) {
            System.err.println("Process could not be deserialized in the child JVM:");
            e.printStackTrace();
            return 1;
        }
        self.initTransient(Kind.SELF, ProcessIdentity.PID);
        current = self;
        int code = 0;
        try {
            self.run();
        } catch (Throwable t) {
            System.err.println("Process " + self.name + ":");
            t.printStackTrace();
            code = 1;
        }
        Children.finish();
        return code;
    }
}
