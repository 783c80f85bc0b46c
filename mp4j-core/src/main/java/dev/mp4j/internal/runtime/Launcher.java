package dev.mp4j.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches a child JVM: the parent's own {@code java}, class path and module path, mp4j's defaults, then the
 * context's options. The child's stdin is a pipe from this JVM (see {@link Control}); its stdout and stderr are
 * this JVM's own, as in Python.
 */
final class Launcher {
    private Launcher() {}

    static final String CHILD_MAIN = "dev.mp4j.internal.runtime.ChildMain";

    /**
     * Defaults chosen for many small JVMs: the serial collector starts fastest and has the smallest footprint;
     * no perf-data file (it would be left in /tmp after a kill -9); VM messages kept off the shared stdout; no
     * 300 ms wait at exit for threads blocked in native code (such as the one reading the parent pipe); and
     * reflection through the VM's native accessor: the JDK's default spins method-handle classes at a method's
     * first reflective call, 5-25 ms in a cold JVM, and every child's target is such a call (see DirectRunnable).
     * The JDK's class-data archive (and an AOT cache) is mapped at the address it was built for: JDK 25 maps it
     * elsewhere by default and relocates every pointer in it, which costs a child 3-5 ms of its start-up and leaves
     * ~8 MB of private copies (more to tear down at exit); the archive's placement is then not randomized.
     * A context's own options come later and win, e.g. {@code -Djdk.reflect.useNativeAccessorOnly=false} or
     * {@code -XX:ArchiveRelocationMode=1}.
     */
    private static final List<String> DEFAULTS = defaults();

    private static List<String> defaults() {
        var d = new ArrayList<>(List.of(
            "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr", "-XX:UserThreadWaitAttemptsAtExit=0",
            "-Djdk.reflect.useNativeAccessorOnly=true"));
        // A diagnostic flag, so only on the release it was measured on: a later JDK without it would refuse to start.
        if (Runtime.version().feature() == 25) d.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        return List.copyOf(d);
    }

    /** A launched child JVM and its slot on this JVM's status board (-1: none). */
    record Launched(java.lang.Process os, StatusBoard board, int slot) {}

    /** {@code lean}: the child is handed no shared memory, so it gets the lean AOT cache (see {@link AotCache}). */
    static Launched launch(List<String> jvmOptions, boolean standby, boolean lean) {
        StatusBoard board = StatusBoard.get();
        int slot = -1;
        try {
            if (board != null) slot = board.acquire();
            var pb = new ProcessBuilder(command(jvmOptions, lean));
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            var env = pb.environment();
            env.put(Control.ENV_SLOT, Integer.toString(slot));
            if (board != null) env.put(Control.ENV_BOARD, board.childPath());
            else env.remove(Control.ENV_BOARD);
            if (standby) env.put(Control.ENV_STANDBY, "1");
            else env.remove(Control.ENV_STANDBY);
            return new Launched(pb.start(), board, slot);
        } catch (IOException e) {
            if (slot >= 0) board.release(slot);
            throw new UncheckedIOException("cannot launch a child JVM: " + e.getMessage(), e);
        }
    }

    static List<String> command(List<String> jvmOptions, boolean lean) {
        List<String> cmd = build(List.of(), jvmOptions);
        if (!jvmOptions.isEmpty()) return cmd;
        // Only the default option list gets a cache: one training per class path, not one per option set.
        List<String> aot = AotCache.options(jvmOptions, cmd, lean);
        return aot.isEmpty() ? cmd : build(aot, jvmOptions);
    }

    /** The command of a training run that writes an AOT cache for children with the default options. */
    static List<String> trainingCommand(String outputOption) {
        return build(List.of(outputOption), List.of());
    }

    private static List<String> build(List<String> aot, List<String> jvmOptions) {
        var cmd = new ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(DEFAULTS);
        cmd.addAll(aot);
        boolean modular = Launcher.class.getModule().isNamed();
        cmd.add("--enable-native-access=" + (modular ? Launcher.class.getModule().getName() : "ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath);
        }
        if (modular) {
            cmd.add("--module-path");
            cmd.add(System.getProperty("jdk.module.path", ""));
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
            cmd.add("-m");
            cmd.add(Launcher.class.getModule().getName() + "/" + CHILD_MAIN);
        } else {
            cmd.add(CHILD_MAIN);
        }
        return cmd;
    }
}
