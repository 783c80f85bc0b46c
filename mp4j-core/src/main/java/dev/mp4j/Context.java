package dev.mp4j;

import dev.mp4j.internal.backend.Engine;
import dev.mp4j.internal.backend.Engines;
import dev.mp4j.internal.runtime.Standby;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.get_context(method)}: how children are started and with which JVM options.
 * Immutable; {@link #withJvmOptions} returns a copy. Constructors of mp4j types use {@link #getDefault()};
 * builders take {@code .context(...)}.
 *
 * <p>A {@link StartMethod#WARM} context keeps one standby JVM per distinct set of JVM options ready from the
 * moment it is created; the standby ends with this JVM.
 *
 * <p>A context may also be backed by a cluster (module {@code mp4j-hazelcast}): then {@code new Lock()},
 * {@code new Queue<>()}, {@code Value.ofInt(..)}, {@code new Pool()} and the other constructors, and builders given
 * that context, make objects living in the cluster, so that the same program runs across machines once it calls
 * {@link #setDefault}. Processes it starts still start on this machine, with its start method and JVM options.
 */
public final class Context implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Context SPAWN = new Context(StartMethod.SPAWN, List.of(), null);
    private static volatile Context defaultContext = SPAWN;

    static {
        Engines.install(new Engines.Support() {
            @Override public Context context(Engine engine, List<String> jvmOptions) {
                return new Context(StartMethod.SPAWN, jvmOptions, engine);
            }
            @Override public Engine engineOf(Context context) { return context.engine; }
        });
    }

    private final StartMethod startMethod;
    private final List<String> jvmOptions;
    /** Where objects made with this context live; null: this machine's shared memory. */
    private final Engine engine;

    private Context(StartMethod startMethod, List<String> jvmOptions, Engine engine) {
        this.startMethod = startMethod;
        this.jvmOptions = jvmOptions;
        this.engine = engine;
    }

    /** The engine of the default context (null: this machine): what public constructors build with. */
    static Engine defaultEngine() {
        return defaultContext.engine;
    }

    /** This context's engine; null for this machine. */
    Engine engine() {
        return engine;
    }

    /** Python's {@code get_context(method)}: a context with no extra JVM options. */
    public static Context of(StartMethod method) {
        Objects.requireNonNull(method, "method");
        return method == StartMethod.SPAWN ? SPAWN : new Context(method, List.of(), null).prepared();
    }

    /** The context constructors use; {@link StartMethod#SPAWN} unless {@link #setDefault} changed it. */
    public static Context getDefault() {
        return defaultContext;
    }

    /** Python's {@code set_start_method}: the context constructors use from now on, in this JVM. */
    public static void setDefault(Context context) {
        defaultContext = Objects.requireNonNull(context, "context").prepared();
    }

    /** This context's start method. */
    public StartMethod startMethod() {
        return startMethod;
    }

    /** The extra options children get on their {@code java} command line, in order. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * A copy of this context whose children also get these JVM options (heap such as {@code -Xmx256m}, system
     * properties such as {@code -Dkey=value}, other flags); they come after mp4j's own defaults, so they win.
     */
    public Context withJvmOptions(String... options) {
        Objects.requireNonNull(options, "options");
        for (String o : options) {
            if (o == null || o.isBlank() || !o.startsWith("-")) {
                throw new IllegalArgumentException("not a JVM option: '" + o + "' (options start with '-')");
            }
        }
        var all = new java.util.ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new Context(startMethod, List.copyOf(all), engine).prepared();
    }

    /** A context as it arrives in a child: no standby is prepared there until the child starts a process. */
    static Context restored(StartMethod startMethod, List<String> jvmOptions) {
        return startMethod == StartMethod.SPAWN && jvmOptions.isEmpty() ? SPAWN : new Context(startMethod, jvmOptions, null);
    }

    private Context prepared() {
        if (startMethod == StartMethod.WARM) Standby.prepare(jvmOptions);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && c.startMethod == startMethod && c.jvmOptions.equals(jvmOptions)
            && Objects.equals(c.engine, engine);
    }

    @Override
    public int hashCode() {
        return (startMethod.hashCode() * 31 + jvmOptions.hashCode()) * 31 + Objects.hashCode(engine);
    }

    @Override
    public String toString() {
        return "Context(" + startMethod + (jvmOptions.isEmpty() ? "" : ", " + jvmOptions)
            + (engine == null ? "" : ", " + engine.describe()) + ")";
    }
}
