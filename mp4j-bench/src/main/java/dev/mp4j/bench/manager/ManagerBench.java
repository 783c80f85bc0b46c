package dev.mp4j.bench.manager;

import dev.mp4j.bench.Python;

import dev.mp4j.Context;
import dev.mp4j.Manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Manager dict set round trip ({@code d[i] = i} through a proxy, as py_baseline.manager_dict does), beside
 * Python's figure measured in the same run. Usage: {@code ManagerBench [n] [rounds]}; prints to stdout.
 */
public final class ManagerBench {
    private ManagerBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double best = 0;
        // the server's spin setting travels to its JVM like any other option
        String serverSpin = System.getProperty("mp4j.manager.serverSpinNanos");
        var context = serverSpin == null ? Context.getDefault()
            : Context.getDefault().withJvmOptions("-Dmp4j.manager.serverSpinNanos=" + serverSpin);
        try (Manager m = Manager.builder().context(context).start()) {
            Map<Integer, Integer> d = m.dict();
            for (int i = 0; i < n; i++) d.put(i, i); // warm-up: JIT on both sides
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) d.put(i, i);
                double opsPerSecond = n / ((System.nanoTime() - t) / 1e9);
                best = Math.max(best, opsPerSecond);
                System.out.printf("mp4j   manager dict set: %,10.0f ops/s%n", opsPerSecond);
            }
        }
        Double python = Boolean.getBoolean("bench.skipPython") || !Python.available() ? null : Python.eval("b.manager_dict()");
        System.out.printf("mp4j   best:               %,10.0f ops/s%n", best);
        if (python != null) {
            System.out.printf("Python manager_dict:       %,10.0f ops/s%n", python);
            System.out.printf("ratio mp4j / Python:       %10.1f x%n", best / python);
        } else {
            System.out.println("Python baseline unavailable (python3 or shared/bench/py_baseline.py not found)");
        }
    }
}
