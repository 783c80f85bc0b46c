package dev.mp4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs one function of ../shared/bench/py_baseline.py with python3 and returns the number it returns. */
final class Python {
    private Python() {}

    private static final Path BASELINE = locate();

    static boolean available() {
        if (BASELINE == null) return false;
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String why() {
        return BASELINE == null ? "py_baseline.py not found (looked for ../shared/bench beside the project)"
            : "python3 is not on the PATH";
    }

    /** Evaluates a Python expression with {@code b} bound to the baseline module, e.g. {@code b.start_join('spawn')}. */
    static double eval(String expression) {
        try {
            var pb = new ProcessBuilder("python3", "-c", "import py_baseline as b; print(" + expression + ")");
            pb.directory(BASELINE.getParent().toFile());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            var p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("python failed: " + expression);
            return Double.parseDouble(out.replaceAll("[()]", "").split(",")[0].trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
