package dev.mp4j;

/** Module-level functions of Python's {@code multiprocessing} that belong to no class. */
public final class Mp {
    private Mp() {}

    /** Python's {@code cpu_count()}: the processors available to this JVM. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
