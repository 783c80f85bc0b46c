package dev.mp4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a pid still runs. Zombies do not: an orphan's zombie lingers until init reaps it. */
public final class Pids {
    private Pids() {}

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
