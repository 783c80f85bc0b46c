package dev.mp4j.bench;

import dev.mp4j.Mp;
import dev.mp4j.StartMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Runs each workload of ../shared/bench/py_baseline.py in mp4j and in Python, in the same run, and prints
 * both with their ratio. {@code mvn -q -Pbench -DskipTests verify}; arguments: {@code all} or workload names.
 */
public final class SideBySide {
    private SideBySide() {}

    /** One row: what is measured, how mp4j and Python measure it, the unit, and the target if there is one. */
    record Workload(String name, String unit, boolean lowerIsBetter, DoubleSupplier mp4j, String python,
                    Double target) {}

    static List<Workload> workloads() {
        var w = new ArrayList<Workload>();
        w.add(new Workload("process start+join, SPAWN vs Python spawn", "ms", true,
            () -> StartJoin.backToBack(StartMethod.SPAWN, 20), "b.start_join('spawn')", 45.0));
        w.add(new Workload("process start+join, WARM (standby ready) vs Python fork", "ms", true,
            () -> StartJoin.withStandbyReady(10), "b.start_join('fork')", 2.0));
        w.add(new Workload("process start+join, WARM back to back vs Python forkserver", "ms", true,
            () -> StartJoin.backToBack(StartMethod.WARM, 20), "b.start_join('forkserver')", null));
        w.add(new Workload("idle child RSS", "MB", true, StartJoin::idleChildRssMb, "b.idle_child_rss()", 48.0));
        return w;
    }

    public static void main(String[] args) {
        boolean all = args.length == 0 || List.of(args).contains("all");
        boolean python = Python.available();
        System.out.printf("mp4j side-by-side benchmarks: Java %s, %d cores%n", Runtime.version(), Mp.cpuCount());
        StartJoin.prepareAotCache();
        if (!python) System.out.println("(Python figures skipped: " + Python.why() + ")");
        System.out.printf("%-58s %10s %10s %8s %8s %s%n", "workload", "mp4j", "python", "ratio", "target", "met");
        for (var w : workloads()) {
            if (!all && List.of(args).stream().noneMatch(a -> w.name().contains(a))) continue;
            double mine = w.mp4j().getAsDouble();
            Double theirs = python ? Python.eval(w.python()) : null;
            String ratio = theirs == null ? "-" : String.format("%.2fx", w.lowerIsBetter() ? theirs / mine : mine / theirs);
            String met = w.target() == null ? "" : (w.lowerIsBetter() ? mine <= w.target() : mine >= w.target()) ? "yes" : "no";
            System.out.printf("%-58s %7.1f %-2s %7s %-2s %8s %8s %s%n", w.name(), mine, w.unit(),
                theirs == null ? "-" : String.format("%.1f", theirs), w.unit(), ratio,
                w.target() == null ? "-" : String.format("%.0f", w.target()), met);
        }
        System.out.println("ratio: how many times better mp4j is (Python's figure over mp4j's for times and sizes).");
    }
}
