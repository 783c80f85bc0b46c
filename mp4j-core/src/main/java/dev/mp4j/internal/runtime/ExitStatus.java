package dev.mp4j.internal.runtime;

/**
 * Turns what the OS reports for a child JVM into Python's {@code exitcode}. The OS says 128+N both for a child
 * killed by signal N and for one that called {@code System.exit(128+N)}; the child's control messages tell the
 * two apart. A child that sent nothing never ran its shutdown hooks (kill -9, {@code halt}, a crash), so a
 * status above 128 there is read as a signal; {@code halt(n)} with n > 128 is the one case read wrongly.
 */
final class ExitStatus {
    private ExitStatus() {}

    static int decode(int osStatus, boolean hookRan, int signal) {
        if (signal > 0) return -signal;
        if (hookRan) return osStatus;
        return osStatus > 128 && osStatus < 128 + 65 ? -(osStatus - 128) : osStatus;
    }
}
