package dev.mp4j.internal.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who a process is, robust to pid reuse: its pid plus its start time (Linux clock ticks since boot, field 22
 * of {@code /proc/<pid>/stat}). Two processes never share both. Used to record owners of locks and users of
 * segments, and to tell whether such an owner is still alive.
 */
public final class ProcessIdentity {
    private ProcessIdentity() {}

    /**
     * This process's pid, read from the {@code /proc/self} link where there is one: {@code ProcessHandle.current()}
     * sets up the JDK's process reaper (a thread pool and the JVM's first lambda), milliseconds in a cold child.
     */
    public static final long PID = selfPid();
    /** This process's start time, as {@link #startOf} reports it for {@link #PID}. */
    public static final long START = startOf(PID);

    private static long selfPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid(); // no procfs
        }
    }

    /**
     * The start time of the live process {@code pid}, or -1 if there is none (never existed, ended, or a
     * zombie: a killed child not yet reaped is already dead for our purposes). Where /proc is missing, 0 for
     * any live pid (pid reuse then goes unnoticed).
     */
    public static long startOf(long pid) {
        if (pid <= 0) return -1;
        String stat;
        try {
            stat = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/stat")), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            if (!Files.isDirectory(Path.of("/proc/self"))) {
                return ProcessHandle.of(pid).map(h -> h.isAlive() ? 0L : -1L).orElse(-1L);
            }
            return -1;
        }
        // The command name in parentheses may hold spaces and ')': fields start after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) return -1;
        String[] f = stat.substring(close + 2).split(" ");
        // f[0] is field 3 (state), so field 22 (starttime) is f[19].
        if (f.length < 20) return -1;
        char state = f[0].isEmpty() ? '?' : f[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') return -1;
        try {
            return Long.parseLong(f[19]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the process recorded as ({@code pid}, {@code start}) is alive; start 0 means "not recorded". */
    public static boolean isAlive(long pid, long start) {
        if (pid == PID) return start == 0 || start == START;
        long actual = startOf(pid);
        return actual >= 0 && (start == 0 || actual == start);
    }
}
