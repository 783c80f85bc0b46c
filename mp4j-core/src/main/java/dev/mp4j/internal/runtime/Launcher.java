package dev.mp4j.internal.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Launches a child JVM: the parent's own {@code java}, class path and module path, mp4j's defaults, then the
 * context's options. The child connects back to a Unix-domain socket that exists only until it has connected,
 * in a directory only this user can enter, so nothing is left in the temp directory even if this JVM is killed
 * later.
 */
final class Launcher {
    private Launcher() {}

    static final String CHILD_MAIN = "dev.mp4j.internal.runtime.ChildMain";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Defaults chosen for many small JVMs: the serial collector starts fastest and has the smallest footprint;
     * no perf-data file (it would be left in /tmp after a kill -9); VM messages kept off the shared stdout.
     */
    private static final List<String> DEFAULTS = List.of(
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr", "-XX:UserThreadWaitAttemptsAtExit=0");

    /** An OS process that has been launched and is about to connect to {@code server}. */
    record Launched(java.lang.Process os, ServerSocketChannel server, Path dir, byte[] token) {
        void removeSocket() {
            try {
                if (server != null) server.close();
            } catch (IOException ignored) {
                // closing a listening socket does not fail in a way we could act on
            }
            if (dir == null) return;
            try {
                Files.deleteIfExists(dir.resolve("s"));
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    static Launched launch(List<String> jvmOptions, boolean standby) {
        Path dir = null;
        ServerSocketChannel server = null;
        try {
            dir = Files.createTempDirectory("mp4j-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
            byte[] token = new byte[16];
            RANDOM.nextBytes(token);
            var pb = new ProcessBuilder(command(jvmOptions));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            var env = pb.environment();
            env.put(Control.ENV_SOCKET, dir.resolve("s").toString());
            env.put(Control.ENV_TOKEN, HexFormat.of().formatHex(token));
            if (standby) env.put(Control.ENV_STANDBY, "1");
            else env.remove(Control.ENV_STANDBY);
            return new Launched(pb.start(), server, dir, token);
        } catch (IOException e) {
            if (server != null || dir != null) new Launched(null, server, dir, null).removeSocket();
            throw new UncheckedIOException("cannot launch a child JVM: " + e.getMessage(), e);
        }
    }

    static List<String> command(List<String> jvmOptions) {
        List<String> cmd = build(List.of(), jvmOptions);
        if (!jvmOptions.isEmpty()) return cmd;
        // Only the default option list gets a cache: one training per class path, not one per option set.
        List<String> aot = AotCache.options(jvmOptions, cmd);
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
