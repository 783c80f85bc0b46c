package dev.mp4j.bench;

import dev.mp4j.Context;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.StartMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Process start + join of a child that does nothing, and the resident memory of an idle child. */
final class StartJoin {
    private StartJoin() {}

    /**
     * With {@code -Dmp4j.aot=true} the first child start trains an AOT cache for this class path in the background
     * (unless one is there already): a lean one for children handed no shared memory, a full one for the others.
     * Start a few of each and wait while a training run holds its lock file, so the figures are those of every later
     * run, not of the first (nor taken beside the training JVM).
     */
    static void prepareAotCache() {
        if (!Boolean.getBoolean("mp4j.aot")) return;
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path dir = (xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("mp4j");
        for (int i = 0; i < 3; i++) once(Context.of(StartMethod.SPAWN));
        var queue = new Queue<Integer>();
        var p = new Process(() -> queue.put(1));
        p.start();
        queue.get();
        p.join();
        queue.close();
        // the lock file is there from the training's start to its end; one left by a killed JVM costs a minute
        for (int waited = 0; waited < 60_000 && training(dir); waited += 250) pause(250);
    }

    private static boolean training(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".lock"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Median start+join in ms over {@code n} runs, back to back (as Python's figure is measured). */
    static double backToBack(StartMethod method, int n) {
        var ctx = Context.of(method);
        pause(method == StartMethod.WARM ? 2_000 : 0);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) ms[i] = once(ctx);
        return median(ms);
    }

    /** Median start+join in ms when a standby is ready each time (a pause between starts, not timed). */
    static double withStandbyReady(int n) {
        var ctx = Context.of(StartMethod.WARM);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            pause(1_000);
            ms[i] = once(ctx);
        }
        return median(ms);
    }

    /** Resident set size, in MB, of a child JVM that sleeps (Python's idle_child_rss). */
    static double idleChildRssMb() {
        var p = new Process(() -> Thread.sleep(4_000));
        p.start();
        pause(2_000);
        double mb = rssKb(p.pid()) / 1024.0;
        p.join();
        return mb;
    }

    private static double once(Context ctx) {
        long t0 = System.nanoTime();
        var p = Process.builder().context(ctx).target(() -> { }).build();
        p.start();
        p.join();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
