package dev.mp4j.internal.backend;

/**
 * Lets code outside {@code dev.mp4j} make a {@link dev.mp4j.Context} backed by an {@link Engine} without any public
 * method exposing internal types: {@code Context} installs its support when it is initialized.
 */
public final class Engines {
    private Engines() {}

    /** Implemented by {@code dev.mp4j.Context}. */
    public interface Support {
        dev.mp4j.Context context(Engine engine, java.util.List<String> jvmOptions);

        Engine engineOf(dev.mp4j.Context context);
    }

    private static volatile Support support;

    public static void install(Support s) {
        support = s;
    }

    private static Support support() {
        if (support == null) {
            try {
                Class.forName("dev.mp4j.Context", true, Engines.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return support;
    }

    /** A SPAWN context whose objects live in {@code engine}; local processes it starts get {@code jvmOptions}. */
    public static dev.mp4j.Context context(Engine engine, java.util.List<String> jvmOptions) {
        return support().context(java.util.Objects.requireNonNull(engine, "engine"), java.util.List.copyOf(jvmOptions));
    }

    /** The context's engine; null for this machine. */
    public static Engine engineOf(dev.mp4j.Context context) {
        return support().engineOf(context);
    }
}
