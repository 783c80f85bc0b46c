package dev.mp4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a pid still runs. Zombies do not: an orphan's zombie lingers until init reaps it. */
public final class Pids {
    private Pids() {}

    /** Waits up to 5 s for every pid to stop running; returns those still running then. */
    public static java.util.List<Long> awaitGone(java.util.Collection<Long> pids) {
        long start = System.nanoTime();
        java.util.List<Long> alive;
        do {
            alive = pids.stream().filter(Pids::running).toList();
            if (!alive.isEmpty()) Leftovers.sleep(10);
        } while (!alive.isEmpty() && System.nanoTime() - start < 5_000_000_000L);
        return alive;
    }

    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
