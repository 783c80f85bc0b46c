package dev.mp4j.hazelcast;

import dev.mp4j.hazelcast.examples.MonteCarloPi;

import dev.mp4j.Args;
import dev.mp4j.Pool;
import dev.mp4j.RemoteException;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Pool on a 3-member loopback cluster (members in separate JVMs), the test JVM a client. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterPoolTest {
    static TestCluster cluster;
    static Pool pool;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3);
        pool = Pool.builder().context(cluster.context()).processes(6).build();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
            pool.join();
        }
        if (cluster != null) cluster.close();
        Leftovers.assertNone();
    }

    static int square(int x) { return x * x; }

    @Test
    void mapRunsOnTheMembersInOrder() {
        List<Integer> in = IntStream.range(0, 1000).boxed().toList();
        assertEquals(in.stream().map(ClusterPoolTest::square).toList(), pool.map(ClusterPoolTest::square, in));
        assertEquals(in.stream().map(ClusterPoolTest::square).toList(), pool.map(ClusterPoolTest::square, in, 7));
        assertEquals(List.of(), pool.map(ClusterPoolTest::square, List.<Integer>of()));
        // every task ran in a member's JVM, and the work was spread over the members
        Set<Long> pids = new HashSet<>(pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 60).boxed().toList(), 1));
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertTrue(pids.size() >= 2, "tasks ran on " + pids);
        for (long pid : pids) cluster.indexOfPid(pid);
    }

    @Test
    void imapIsLazyAndOrdered() {
        var seen = new ArrayList<Integer>();
        for (int r : pool.imap(ClusterPoolTest::square, IntStream.range(0, 200).boxed().toList(), 3)) seen.add(r);
        assertEquals(IntStream.range(0, 200).map(x -> x * x).boxed().toList(), seen);
        var unordered = new HashSet<Integer>();
        for (int r : pool.imapUnordered(ClusterPoolTest::square, IntStream.range(0, 100).boxed().toList(), 1)) unordered.add(r);
        assertEquals(IntStream.range(0, 100).map(x -> x * x).boxed().collect(java.util.stream.Collectors.toSet()), unordered);
        // a lazy input: results come while it is still being read
        var it = pool.imap(ClusterPoolTest::square, () -> IntStream.range(0, 50).iterator(), 1);
        for (int i = 0; i < 50; i++) assertEquals(i * i, it.next(Duration.ofSeconds(30)));
        assertFalse(it.hasNext());
    }

    @Test
    void applySubmitStarmap() throws Exception {
        assertEquals(42, pool.apply(() -> 6 * 7));
        assertNotEquals(ProcessHandle.current().pid(), (long) pool.apply(() -> ProcessHandle.current().pid()));
        assertEquals("hi", pool.submit(() -> "hi").get(30, TimeUnit.SECONDS));
        var got = new CompletableFuture<Integer>();
        pool.applyAsync(() -> 5, got::complete, got::completeExceptionally);
        assertEquals(5, got.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(3, 7), pool.starmap((Integer a, Integer b) -> a + b, List.of(Args.of(1, 2), Args.of(3, 4))));
        assertEquals(List.of("a1", "b2"), pool.starmapAsync((String a, Integer b) -> a + b, List.of(Args.of("a", 1), Args.of("b", 2))).get());
        assertEquals(List.of(2, 4), pool.mapAsync((Integer x) -> x * 2, List.of(1, 2)).get(30, TimeUnit.SECONDS));
    }

    @Test
    void exceptionsComeBackAsTheSameClass() {
        var e = assertThrows(IllegalStateException.class, () -> pool.apply(() -> { throw new IllegalStateException("boom"); }));
        assertEquals("boom", e.getMessage());
        var m = assertThrows(ArithmeticException.class, () -> pool.map(x -> 10 / x, List.of(1, 2, 0, 4)));
        assertEquals("/ by zero", m.getMessage());
        var checked = assertThrows(RemoteException.class, () -> pool.apply(() -> { throw new IOException("io"); }));
        assertInstanceOf(IOException.class, checked.getCause());
        var f = pool.submit(() -> { throw new IOException("later"); });
        var x = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        assertEquals("later", x.getCause().getMessage());
        // the pool goes on
        assertEquals(List.of(1, 4), pool.map(ClusterPoolTest::square, List.of(1, 2)));
    }

    @Test
    void badInputFailsAtTheCall() throws IOException {
        try (var s = new Socket()) {
            var iae = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> s.isClosed()));
            assertTrue(iae.getMessage().contains("java.net.Socket"), iae.getMessage());
        }
        var iae = assertThrows(IllegalArgumentException.class, () -> pool.map(o -> o.toString(), List.of(new Object())));
        assertTrue(iae.getMessage().contains("java.lang.Object"), iae.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.map(ClusterPoolTest::square, List.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().context(cluster.context()).processes(0).build());
        // a result that cannot travel fails its task, naming the class
        var r = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> new Object()));
        assertTrue(r.getMessage().contains("java.lang.Object"), r.getMessage());
    }

    /** A task whose class the members do not have fails with an Mp4jException naming it. */
    @Test
    void aClassMissingOnTheMembersIsNamed() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hz-missing-class");
        try {
            var src = dir.resolve("OnlyHere.java");
            java.nio.file.Files.writeString(src, """
                public class OnlyHere implements dev.mp4j.SerializableFunction<Integer, Integer> {
                    public Integer apply(Integer x) { return x + 1; }
                }
                """);
            var javac = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), src.toString()).inheritIO().start();
            assertEquals(0, javac.waitFor());
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                @SuppressWarnings("unchecked")
                var f = (dev.mp4j.SerializableFunction<Integer, Integer>) loader.loadClass("OnlyHere").getConstructor().newInstance();
                assertEquals(2, f.apply(1));
                // the member's codec says so: "cannot deserialize: class OnlyHere is not on this JVM's class path"
                var e = assertThrows(dev.mp4j.Mp4jException.class, () -> pool.map(f, List.of(1, 2)));
                assertTrue(e.getMessage().contains("OnlyHere"), e.getMessage());
                assertInstanceOf(ClassNotFoundException.class, e.getCause());
            }
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final int SAMPLES = 200_000;

    /** The Monte-Carlo estimate of pi with fixed seeds: the same on the cluster as in local worker processes. */
    @Test
    void monteCarloPiIsTheSameAsLocally() {
        List<Long> seeds = LongStreamSeeds.of(24);
        long inCluster = pool.map(seed -> MonteCarloPi.inside(seed, SAMPLES), seeds).stream().mapToLong(Long::longValue).sum();
        long local;
        try (var localPool = new Pool(2)) {
            local = localPool.map(seed -> MonteCarloPi.inside(seed, SAMPLES), seeds).stream().mapToLong(Long::longValue).sum();
        }
        assertEquals(local, inCluster);
        double pi = 4.0 * inCluster / (seeds.size() * (double) SAMPLES);
        assertEquals(Math.PI, pi, 0.01);
    }

    /** The example program prints the same, run locally and run on the cluster, and nothing on stderr. */
    @Test
    void exampleRunsUnchangedOnTheCluster() {
        var local = dev.mp4j.testing.Programs.run(List.of(TestCluster.JVM), MonteCarloPi.class);
        var args = new ArrayList<String>();
        args.add(cluster.name);
        args.addAll(cluster.addresses);
        var onCluster = dev.mp4j.testing.Programs.run(List.of(TestCluster.JVM), MonteCarloPi.class,
            args.toArray(String[]::new));
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, onCluster.exitCode(), onCluster.err());
        assertEquals("", onCluster.err());
        assertEquals("", local.err());
        assertEquals(local.out(), onCluster.out());
        assertTrue(onCluster.out().startsWith("pi ~= 3.14"), onCluster.out());
    }

    static final class LongStreamSeeds {
        static List<Long> of(int n) { return java.util.stream.LongStream.range(0, n).boxed().toList(); }
    }

    @Test
    void closedPoolRejects() {
        var p = Pool.builder().context(cluster.context()).processes(2).build();
        assertEquals(2, p.processes());
        assertEquals(List.of(1), p.map(ClusterPoolTest::square, List.of(1)));
        p.close();
        assertThrows(IllegalStateException.class, () -> p.map(ClusterPoolTest::square, List.of(1)));
        p.join();
        assertTrue(p.isTerminated());
        var t = Pool.builder().context(cluster.context()).processes(2).build();
        var slow = t.applyAsync(() -> { Thread.sleep(10_000); return 1; });
        t.terminate();
        assertThrows(java.util.concurrent.CancellationException.class, slow::get);
        t.join();
    }
}
