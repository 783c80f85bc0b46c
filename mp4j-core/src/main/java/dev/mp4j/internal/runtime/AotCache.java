package dev.mp4j.internal.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * JDK 25's ahead-of-time cache (JEP 483/514/515) for child JVMs: classes loaded and linked, lambda forms and
 * profiles from a training run, so a child skips most of its start-up work. The first launch for a given JDK,
 * class path and option list trains a cache in the background (one short, silent JVM); later launches use it.
 * Caches live in {@code $XDG_CACHE_HOME/mp4j} or {@code ~/.cache/mp4j} (the newest few are kept), never in the
 * temp directory. Opt-in with {@code -Dmp4j.aot=true} on the parent JVM: a training run costs a few seconds of
 * CPU, which a program that starts a handful of children and exits would pay each time without ever gaining.
 * The JVM only archives classes from jars, and checks that the class path still matches, ignoring a stale cache
 * silently. A training run never outlives this JVM's orderly exit.
 *
 * <p>Two caches per class path: a JVM loads every class of its cache at start-up, so a full one (shared memory,
 * queues, the native wait/wake, JIT profiles of the queue's hot paths) costs a plain child ~10 ms that it never
 * earns back. A child handed no shared memory gets the lean cache: the plain child's path only. Both also hold the
 * application classes of the targets started before their training ({@link #noteCode}): a class a child loads from
 * its jar makes it open and index the jars before it on the class path, 3-5 ms.
 */
final class AotCache {
    private AotCache() {}

    private static final int KEEP = 12;
    private static final int MAX_CODE = 64;
    private static final Set<String> CODE = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private static final Set<String> TRIED = ConcurrentHashMap.newKeySet();
    private static final Set<java.lang.Process> TRAINING = ConcurrentHashMap.newKeySet();
    private static final Set<Path> LOCKS = ConcurrentHashMap.newKeySet(); // held by this JVM's training runs

    /** Stops a training run still going: it must not outlive this JVM. */
    static void abandon() {
        for (java.lang.Process training : TRAINING) {
            // the JVM that assembles the cache is the training JVM's child: it would outlive a kill of its parent
            training.descendants().forEach(ProcessHandle::destroyForcibly);
            training.destroyForcibly();
        }
        for (Path lock : LOCKS) {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException ignored) {
                // best effort at exit
            }
        }
        try {
            Path dir = directory();
            try (Stream<Path> files = Files.list(dir)) {
                String mine = "." + ProcessHandle.current().pid() + ".tmp";
                for (Path f : files.filter(f -> f.toString().contains(mine)).toList()) Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }

    /**
     * Records the class of a target about to run in a child (a lambda's capturing class), for a training run yet to
     * start: only classes of the application class loader, which a cache can hold.
     */
    static void noteCode(Class<?> code) {
        if (code == null || CODE.size() >= MAX_CODE || !Boolean.getBoolean("mp4j.aot")) return;
        if (code.getClassLoader() != ClassLoader.getSystemClassLoader()) return;
        String name = code.getName();
        int lambda = name.indexOf("$$Lambda");
        CODE.add(lambda > 0 ? name.substring(0, lambda) : name);
    }

    /**
     * The options that make a child use the cache, or none (training one in the background if there is none).
     * {@code lean}: the child is handed no shared memory.
     */
    static List<String> options(List<String> contextOptions, List<String> command, boolean lean) {
        try {
            if (!usable(contextOptions)) return List.of();
            Path dir = directory();
            String variant = lean ? "lean" : "full";
            String key = key(command, variant);
            Path cache = dir.resolve(key + ".aot");
            if (Files.isRegularFile(cache)) return List.of("-XX:AOTCache=" + cache);
            Children.installExitHook();
            if (TRIED.add(key)) Thread.ofVirtual().name("mp4j-aot-training").start(() -> train(dir, key, variant, cache));
        } catch (IOException | RuntimeException e) {
            // a cache is an optimization: without one, children start as they would anyway
        }
        return List.of();
    }

    private static boolean usable(List<String> contextOptions) throws IOException {
        if (!Boolean.getBoolean("mp4j.aot")) return false;
        if (Runtime.version().feature() < 25) return false;
        for (String o : contextOptions) {
            if (o.startsWith("-XX:AOT") || o.startsWith("-Xshare") || o.contains("SharedArchiveFile")) return false;
        }
        // A class path handed over in a launcher jar's manifest (test runners do this) changes name on every run:
        // a cache trained for it would never be used again.
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            // The JVM caches classes from jars only and refuses a class path with a non-empty directory in it.
            if (!entry.isEmpty() && Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    if (files.findAny().isPresent()) return false;
                }
            }
            if (!entry.isEmpty() && Files.isRegularFile(p) && entry.endsWith(".jar")) {
                try (var jar = new JarFile(p.toFile())) {
                    var manifest = jar.getManifest();
                    if (manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null) return false;
                }
            }
        }
        return true;
    }

    private static Path directory() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("mp4j");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** Everything the JVM checks before it uses a cache, and what goes into it: JDK, options, class path, variant. */
    private static String key(List<String> command, String variant) throws IOException {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(variant.getBytes(StandardCharsets.UTF_8));
            for (String part : command) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    digest.update((Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private static void train(Path dir, String key, String variant, Path cache) {
        Path lockFile = dir.resolve(key + ".lock");
        Path output = dir.resolve(key + ".aot." + ProcessHandle.current().pid() + ".tmp");
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.tryLock()) {
            if (lock == null || Files.exists(cache)) return; // another JVM is training this one
            LOCKS.add(lockFile);
            var command = Launcher.trainingCommand("-XX:AOTCacheOutput=" + output);
            var pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put(Control.ENV_TRAIN, variant);
            synchronized (CODE) {
                pb.environment().put(Control.ENV_TRAIN_CODE, String.join(",", CODE));
            }
            var process = pb.start();
            TRAINING.add(process);
            if (!process.waitFor(2, TimeUnit.MINUTES)) process.destroyForcibly();
            else if (process.exitValue() == 0 && Files.isRegularFile(output)) {
                Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
                prune(dir);
            }
        } catch (IOException | RuntimeException e) {
            // no cache this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(output);
                if (LOCKS.remove(lockFile)) Files.deleteIfExists(lockFile); // never another JVM's lock
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static void prune(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            var caches = files.filter(f -> f.toString().endsWith(".aot"))
                .sorted(Comparator.comparingLong(AotCache::modified).reversed()).toList();
            for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
