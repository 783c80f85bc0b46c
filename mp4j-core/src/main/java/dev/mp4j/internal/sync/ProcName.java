package dev.mp4j.internal.sync;

import dev.mp4j.internal.shm.ProcessIdentity;

/** Names processes in toString(): this process by its mp4j name, others by pid (their names are theirs alone). */
final class ProcName {
    private ProcName() {}

    static String of(long pid) {
        if (pid != ProcessIdentity.PID) return "pid " + pid;
        try {
            // Reflective until dev.mp4j.Process is on this branch.
            Class<?> c = Class.forName("dev.mp4j.Process");
            Object p = c.getMethod("current").invoke(null);
            return (String) c.getMethod("name").invoke(p);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "pid " + pid;
        }
    }
}
