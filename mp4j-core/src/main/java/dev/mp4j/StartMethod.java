package dev.mp4j;

/**
 * How a {@link Context} starts child processes: Python's start methods ({@code 'spawn'}, {@code 'forkserver'}).
 * A JVM cannot fork, so every child is a separate, clean JVM either way.
 */
public enum StartMethod {
    /** A fresh JVM is launched for each process (Python's {@code 'spawn'}); the default. */
    SPAWN,
    /**
     * A pre-started standby JVM, already connected and warmed up, takes each start and is replaced in the
     * background (the analogue of Python's {@code 'forkserver'}): starts cost a message, not a JVM launch.
     */
    WARM
}
