package dev.mp4j.examples.aot;

import dev.mp4j.Lock;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run by {@code AotCacheTest} with {@code -Dmp4j.aot=true}: starts a child handed nothing, one handed a queue, and one
 * handed nothing that makes and uses shared memory of its own; each prints the AOT cache on its own command line.
 * With {@code wait}, then waits (at most 90 s) until two caches are trained.
 */
public final class AotProbe {
    private AotProbe() {}

    /** This JVM's {@code -XX:AOTCache=} file name, or "none". */
    static String cache() {
        try {
            for (String arg : new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0")) {
                if (arg.startsWith("-XX:AOTCache=")) return Path.of(arg.substring("-XX:AOTCache=".length())).getFileName().toString();
            }
            return "none";
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    public static void main(String[] args) throws Exception {
        var plain = new Process(() -> System.out.println("plain " + cache()));
        plain.start();
        plain.join();

        var queue = new Queue<String>();
        var sharing = new Process(() -> queue.put("sharing " + cache()));
        sharing.start();
        System.out.println(queue.get(Duration.ofSeconds(60)));
        sharing.join();
        queue.close();

        var selfMade = new Process(() -> {
            var own = new Queue<Integer>();
            var lock = new Lock();
            var consumer = new Thread(() -> {
                for (int i = 0; i < 1000; i++) own.get(); // waits on the futex while the producer is behind
            });
            consumer.start();
            for (int i = 0; i < 1000; i++) {
                try (var held = lock.hold()) {
                    own.put(i);
                }
                if (i % 100 == 0) Thread.sleep(1);
            }
            consumer.join();
            own.close();
            System.out.println("self-made " + cache());
        });
        selfMade.start();
        selfMade.join();
        if (plain.exitCode() != 0 || sharing.exitCode() != 0 || selfMade.exitCode() != 0) System.exit(3);

        if (args.length > 0 && args[0].equals("wait")) {
            Path dir = Path.of(System.getenv("XDG_CACHE_HOME"), "mp4j");
            for (int waited = 0; waited < 90_000; waited += 100) {
                try (var files = Files.list(dir)) {
                    if (files.filter(f -> f.toString().endsWith(".aot")).count() >= 2) break;
                }
                Thread.sleep(100);
            }
        }
    }
}
