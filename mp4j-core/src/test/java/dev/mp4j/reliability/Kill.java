package dev.mp4j.reliability;

import dev.mp4j.testing.Pids;

import java.io.IOException;
import java.io.UncheckedIOException;

/** kill -9 from outside, as an operator or the OOM killer sends it (not through mp4j's own API). */
final class Kill {
    private Kill() {}

    static void nine(long pid) {
        try {
            int rc = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
            if (rc != 0 && Pids.running(pid)) throw new AssertionError("kill -9 " + pid + " failed: " + rc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
