package dev.mp4j.internal.runtime;

/**
 * Lets the child runtime hand a bootstrap to the public {@code Process} class without making any of this
 * public API: {@code Process} installs its support when it is initialized.
 */
public final class Bridge {
    private Bridge() {}

    /** Implemented by {@code dev.mp4j.Process}. */
    public interface ProcessSupport {
        /** Runs the bootstrap's process as this JVM's current process; returns Python's exit code. */
        int runChild(Bootstrap bootstrap);

        /**
         * For an AOT training run: the bootstrap a parent sends for a plain process with a no-op lambda target, made
         * without creating a lambda (which would spin classes that no child loads, and a JVM loads every class of
         * its cache at start-up).
         */
        byte[] trainingBootstrap();

        /** Runs the code paths of {@link #runChild} once, without side effects, so a standby is warm. */
        void warmUp();

        /**
         * Runs what a child handed shared objects does first (their codec forms, a queue's put and get, a lock, an
         * event) on objects of its own, which it then drops: a standby taken for such a child, and an AOT cache
         * trained this way, have those paths loaded and linked.
         */
        void warmUpShared();

        /**
         * For an AOT training run only: streams items through a queue to a consumer thread long enough for the JIT
         * to profile both ends, so the cache holds those profiles and a producer child's put path compiles sooner.
         */
        void trainHotPaths();
    }

    private static volatile ProcessSupport support;

    public static void install(ProcessSupport s) {
        support = s;
    }

    static ProcessSupport support() {
        if (support == null) {
            try {
                Class.forName("dev.mp4j.Process", true, Bridge.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return support;
    }
}
