package dev.mp4j.examples.aot;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The opt-in AOT cache ({@code -Dmp4j.aot=true}), as a user gets it: a program on a class path of jars trains two
 * caches in the background, and on its next run a child handed no shared memory starts with the lean one, a child
 * handed a queue with the full one. Children work either way, also one that makes shared memory of its own under the
 * lean cache; nothing is printed but the program's own lines.
 */
@Timeout(300)
class AotCacheTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void plainChildrenGetTheLeanCacheAndSharingChildrenTheFull(@TempDir Path dir) throws Exception {
        Path cacheHome = Files.createDirectories(dir.resolve("cache"));
        String classPath = jarOf(codeSource(dev.mp4j.Process.class), dir.resolve("core.jar")) + ":"
            + jarOf(codeSource(AotProbe.class), dir.resolve("probe.jar"));

        List<String> first = run(classPath, cacheHome, "wait");
        assertEquals(3, first.size(), "three children reported: " + first);
        try (Stream<Path> files = Files.list(cacheHome.resolve("mp4j"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".aot")).count(), "a lean and a full cache trained");
        }

        List<String> second = run(classPath, cacheHome);
        String plain = second.get(0).replace("plain ", ""), sharing = second.get(1).replace("sharing ", "");
        String selfMade = second.get(2).replace("self-made ", "");
        assertTrue(plain.endsWith(".aot") && sharing.endsWith(".aot"), "both used a cache: " + second);
        assertNotEquals(plain, sharing, "one cache for both kinds of child");
        assertEquals(plain, selfMade, "a child handed nothing gets the lean cache, whatever it does later");
        assertTrue(Files.size(cacheHome.resolve("mp4j").resolve(plain)) < Files.size(cacheHome.resolve("mp4j").resolve(sharing)),
            "the lean cache is the smaller");
    }

    /** Runs the probe; it must exit 0 with nothing on stderr. Returns its stdout lines. */
    private static List<String> run(String classPath, Path cacheHome, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmp4j.aot=true", "-cp", classPath, AotProbe.class.getName()));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        var p = pb.start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errText.completeExceptionally(e);
            }
        });
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(200, TimeUnit.SECONDS), "the probe finished");
        assertEquals("", errText.get(), "stderr");
        assertEquals(0, p.exitValue(), "exit code; stdout: " + outText);
        return outText.isEmpty() ? List.of() : List.of(outText.split("\n"));
    }

    private static Path codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The jar itself, or (a class directory, as under {@code mvn test}) a jar made of it: the cache needs jars. */
    private static String jarOf(Path location, Path jar) throws IOException {
        if (Files.isRegularFile(location)) return location.toString();
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar.toString();
    }
}
