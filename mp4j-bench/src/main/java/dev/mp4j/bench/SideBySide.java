package dev.mp4j.bench;

import dev.mp4j.Mp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs each workload of ../shared/bench/py_baseline.py in mp4j and in Python, in the same run, several times,
 * and prints the medians side by side; with {@code all} (the default) it also rewrites BENCHMARKS.md and
 * benchmarks.svg in the project directory. {@code mvn -q -Pbench -DskipTests verify}, or with
 * {@code -Dbench.args="Queue Pipe"} for the workloads whose names contain those words (no report then).
 */
public final class SideBySide {
    private SideBySide() {}

    public static void main(String[] args) throws IOException {
        boolean all = args.length == 0 || Arrays.asList(args).contains("all");
        int runs = Integer.getInteger("runs", 3);
        boolean python = Python.available();
        String machine = machine(python);
        System.out.println(machine);
        if (!python) System.out.println("(Python figures skipped: " + Python.why() + ")");
        StartJoin.prepareAotCache();
        System.out.printf(Locale.ROOT, "%-52s %14s %14s %9s %s%n", "workload", "mp4j", "python", "x python", "target");
        var rows = new ArrayList<Report.Row>();
        for (var w : Workloads.all()) {
            if (!all && Arrays.stream(args).noneMatch(a -> w.name().contains(a))) continue;
            double mine = median(runs, () -> w.mp4j().getAsDouble());
            double theirs = python ? median(runs, () -> Python.eval(w.python())) : Double.NaN;
            var row = new Report.Row(w, mine, theirs);
            rows.add(row);
            Boolean met = w.met(mine);
            System.out.printf(Locale.ROOT, "%-52s %14s %14s %9s %s%n", w.name(), Report.fmt(mine) + " " + w.unit(),
                Double.isNaN(theirs) ? "-" : Report.fmt(theirs) + " " + w.unit(),
                Double.isNaN(row.advantage()) ? "-" : String.format(Locale.ROOT, "%.2fx", row.advantage()),
                met == null ? "" : (met ? "met" : "NOT met") + " (" + (w.lowerIsBetter() ? "<= " : ">= ")
                    + Report.fmt(w.target()) + ")");
        }
        if (all) {
            var scaling = Workloads.scaling();
            Path dir = Path.of(System.getProperty("mp4j.reportDir", "."));
            Report.write(dir, rows, scaling, machine, runs);
            System.out.println("wrote " + dir.resolve("BENCHMARKS.md") + " and benchmarks.svg");
        }
    }

    private static double median(int runs, java.util.function.DoubleSupplier measure) {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) v[i] = measure.getAsDouble();
        return StartJoin.median(v);
    }

    private static String machine(boolean python) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memGb = Runtime.getRuntime().maxMemory() > 0 ? totalMemoryGb() : 0;
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %d GiB, %s %s; Java %s; Python %s; load average %s "
                + "at the start (other work on the machine makes every figure noisier).", cpu, Mp.cpuCount(),
            memGb, System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version(),
            python ? Python.version() : "absent", load);
    }

    private static long totalMemoryGb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024)).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    static List<String> names() {
        return Workloads.all().stream().map(Workload::name).toList();
    }
}
