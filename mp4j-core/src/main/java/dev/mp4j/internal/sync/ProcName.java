package dev.mp4j.internal.sync;

import dev.mp4j.internal.shm.ProcessIdentity;

/** Names processes in toString(): this process by its mp4j name, others by pid (their names are theirs alone). */
final class ProcName {
    private ProcName() {}

    static String of(long pid) {
        return pid == ProcessIdentity.PID ? dev.mp4j.Process.current().name() : "pid " + pid;
    }
}
