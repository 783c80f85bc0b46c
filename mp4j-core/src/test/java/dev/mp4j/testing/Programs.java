package dev.mp4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a fresh JVM, as a user runs a program ({@code java -cp ... Main}), and captures it. */
public final class Programs {
    private Programs() {}

    public record Result(int exitCode, String out, String err) {
        public List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    public static Result run(Class<?> main, String... args) {
        return run(List.of(), main, args);
    }

    /** Runs a program that must succeed quietly: exit code 0, nothing on stderr; returns its stdout lines. */
    public static List<String> runClean(Class<?> main, String... args) {
        var r = run(main, args);
        if (r.exitCode() != 0) throw new AssertionError(main.getSimpleName() + " exited with " + r.exitCode() + ":\n" + r.err());
        if (!r.err().isEmpty()) throw new AssertionError(main.getSimpleName() + " wrote to stderr:\n" + r.err());
        return r.lines();
    }

    public static Result run(List<String> jvmOptions, Class<?> main, String... args) {
        java.lang.Process p = start(jvmOptions, main, args);
        try {
            var out = drain(p.getInputStream());
            var err = drain(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(main.getSimpleName() + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw new AssertionError(e);
        }
    }

    /** Starts the program with stdout piped (read it with {@code getInputStream}) and stderr inherited. */
    public static java.lang.Process start(List<String> jvmOptions, Class<?> main, String... args) {
        var cmd = new ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        var result = new CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
