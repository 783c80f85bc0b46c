package dev.mp4j.testing;

import dev.mp4j.Process;
import dev.mp4j.internal.runtime.Standby;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a test class must leave behind: no child processes, no mp4j files in /tmp or /dev/shm.
 *
 * <p>Only this run's files count. Other programs, and other test runs on the same machine, make mp4j files too, so
 * a file is left out when it was already there when this JVM's tests began ({@link #recordBaseline}, called by
 * {@link Baseline} as the JUnit session opens), or when a live process outside this JVM's process tree owns it: its
 * name carries that process's pid ({@code mp4j-seg-PID-...}, {@code mp4j-tmp-PID-...}, {@code mp4j-status-PID-...}),
 * or that process maps the file or listens on the socket. Everything else counts: a file of a dead process (one of
 * ours killed or leaking is exactly what this is for) and a new file nobody holds.
 */
public final class Leftovers {
    private Leftovers() {}

    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern PID = Pattern.compile("^mp4j-[a-z]+-(\\d+)-");
    private static volatile Set<String> baseline = Set.of();

    /** Remembers the mp4j files that exist now as not this run's. */
    public static void recordBaseline() {
        baseline = Set.copyOf(allMp4jFiles());
    }

    public static void assertNone() {
        Standby.clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (ProcessHandle.current().children().findAny().isPresent()
                || !mp4jFiles().isEmpty())) {
            sleep(20);
        }
        assertEquals(List.of(), Process.activeChildren(), "active children");
        assertEquals(List.of(), ProcessHandle.current().children().map(ProcessHandle::pid).toList(), "child processes");
        assertEquals(List.of(), mp4jFiles(), "mp4j files in the temp directory or /dev/shm");
    }

    /** This run's mp4j files in the temp directory and /dev/shm. */
    public static List<String> mp4jFiles() {
        List<String> found = new ArrayList<>();
        for (String name : allMp4jFiles()) {
            if (!baseline.contains(name) && !foreign(name)) found.add(name);
        }
        return found;
    }

    private static List<String> allMp4jFiles() {
        return Stream.of(new File(System.getProperty("java.io.tmpdir")), new File("/dev/shm"))
            .map(File::list).filter(java.util.Objects::nonNull).flatMap(Arrays::stream)
            .filter(n -> n.startsWith("mp4j")).toList();
    }

    /** Whether a live process outside this JVM's process tree owns the file {@code name}. */
    public static boolean foreign(String name) {
        Matcher m = PID.matcher(name);
        if (m.find()) {
            Optional<ProcessHandle> creator = ProcessHandle.of(Long.parseLong(m.group(1)));
            return creator.isPresent() && creator.get().isAlive() && !ours(creator.get());
        }
        // no pid in the name (SharedMemory's default names, a manager's socket): who holds it?
        Set<Long> holders = holders(name);
        return !holders.isEmpty() && holders.stream().noneMatch(pid -> ProcessHandle.of(pid).map(Leftovers::ours).orElse(false));
    }

    /** This JVM or one of its descendants. */
    private static boolean ours(ProcessHandle p) {
        for (Optional<ProcessHandle> h = Optional.of(p); h.isPresent(); h = h.get().parent()) {
            if (h.get().pid() == SELF) return true;
        }
        return false;
    }

    /** The processes that map the file {@code name} (from /dev/shm or the temp directory) or listen on it. */
    private static Set<Long> holders(String name) {
        Set<Long> pids = new HashSet<>();
        String inode = listeningInode(name);
        String[] procs = new File("/proc").list();
        if (procs == null) return pids;
        for (String proc : procs) {
            if (!proc.chars().allMatch(Character::isDigit)) continue;
            try {
                if (Files.readAllLines(Path.of("/proc", proc, "maps")).stream()
                        .anyMatch(l -> l.endsWith("/" + name) || l.endsWith("/" + name + " (deleted)"))) {
                    pids.add(Long.parseLong(proc));
                    continue;
                }
                if (inode != null) {
                    String[] fds = new File("/proc/" + proc + "/fd").list();
                    for (String fd : fds == null ? new String[0] : fds) {
                        try {
                            if (Files.readSymbolicLink(Path.of("/proc", proc, "fd", fd)).toString().equals("socket:[" + inode + "]")) {
                                pids.add(Long.parseLong(proc));
                                break;
                            }
                        } catch (IOException | RuntimeException gone) {
                            // closed meanwhile
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended, or is not ours to read
            }
        }
        return pids;
    }

    /** The inode of a Unix socket bound to the path ending in {@code name}, or null. */
    private static String listeningInode(String name) {
        if (!name.endsWith(".sock")) return null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[7].endsWith("/" + name)) return f[6];
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to say
        }
        return null;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Records the {@link #recordBaseline baseline} when a JUnit launcher session opens in this JVM. */
    public static final class Baseline implements org.junit.platform.launcher.LauncherSessionListener {
        @Override
        public void launcherSessionOpened(org.junit.platform.launcher.LauncherSession session) {
            recordBaseline();
        }
    }
}
