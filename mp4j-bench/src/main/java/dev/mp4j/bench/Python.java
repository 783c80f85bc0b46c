package dev.mp4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one expression over ../shared/bench/py_baseline.py with python3 (module bound to {@code b}, start method
 * 'fork' as that script's own main uses for its message workloads) and returns the number it prints.
 */
public final class Python {
    private Python() {}

    private static final Path BASELINE = locate();

    public static boolean available() {
        if (BASELINE == null) return false;
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static String why() {
        return BASELINE == null ? "py_baseline.py not found (looked for shared/bench beside the project)"
            : "python3 is not on the PATH";
    }

    /** The Python version string, e.g. {@code 3.11.7}. */
    public static String version() {
        return run("__import__('platform').python_version()");
    }

    /** Evaluates a Python expression, e.g. {@code b.start_join('spawn')}; a tuple gives its first number. */
    public static double eval(String expression) {
        String out = run(expression);
        return Double.parseDouble(out.replaceAll("[()]", "").split(",")[0].trim());
    }

    /** The text Python prints for {@code expression} (for figures that come as tuples). */
    public static String text(String expression) {
        return run(expression);
    }

    private static String run(String expression) {
        try {
            var pb = new ProcessBuilder("python3", "-c", "import multiprocessing as mp; mp.set_start_method('fork'); "
                + "import sys; sys.path.append(" + quote(Path.of("mp4j-bench", "py").toAbsolutePath()) + "); "
                + "sys.path.append(" + quote(Path.of("py").toAbsolutePath()) + "); "
                + "import py_baseline as b; print(" + expression + ")");
            pb.directory(BASELINE.getParent().toFile());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            var p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + expression);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "\\'") + "'";
    }

    private static Path locate() {
        String configured = System.getProperty("mp4j.pyBaseline");
        if (configured != null && Files.isRegularFile(Path.of(configured))) return Path.of(configured);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/bench/py_baseline.py");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }
}
