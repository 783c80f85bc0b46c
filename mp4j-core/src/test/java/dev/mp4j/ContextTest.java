package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Start methods and child JVM options (Python's get_context / set_start_method). */
@Timeout(90)
class ContextTest {

    @AfterAll
    static void nothingLeft() {
        Context.setDefault(Context.of(StartMethod.SPAWN));
        Leftovers.assertNone();
    }

    @Test
    void defaultsToSpawn() {
        assertEquals(StartMethod.SPAWN, Context.getDefault().startMethod());
        assertEquals(Context.of(StartMethod.SPAWN), Context.getDefault());
        assertEquals(List.of(), Context.getDefault().jvmOptions());
    }

    @Test
    void jvmOptionsReachTheChild() {
        var ctx = Context.of(StartMethod.SPAWN).withJvmOptions("-Dmp4j.test.code=42", "-Xmx64m");
        assertEquals(List.of("-Dmp4j.test.code=42", "-Xmx64m"), ctx.jvmOptions());
        var p = Process.builder().context(ctx).target(() -> {
            long maxMb = Runtime.getRuntime().maxMemory() >> 20;
            System.exit(maxMb <= 64 ? Integer.getInteger("mp4j.test.code") : 1);
        }).build();
        p.start();
        p.join();
        assertEquals(42, p.exitCode());
    }

    @Test
    void setDefaultAppliesToConstructors() {
        var before = Context.getDefault();
        try {
            Context.setDefault(Context.of(StartMethod.SPAWN).withJvmOptions("-Dmp4j.test.code=7"));
            var p = new Process(() -> System.exit(Integer.getInteger("mp4j.test.code", 0)));
            p.start();
            p.join();
            assertEquals(7, p.exitCode());
        } finally {
            Context.setDefault(before);
        }
    }

    @Test
    void badOptionsAreRejectedEarly() {
        var ctx = Context.of(StartMethod.SPAWN);
        assertThrows(IllegalArgumentException.class, () -> ctx.withJvmOptions("Xmx64m"));
        assertThrows(IllegalArgumentException.class, () -> ctx.withJvmOptions(""));
        assertThrows(NullPointerException.class, () -> Context.of(null));
        assertThrows(NullPointerException.class, () -> Context.setDefault(null));
    }

    @Test
    void anOptionTheJvmRejectsEndsTheChildWithItsError() {
        var p = Process.builder().context(Context.of(StartMethod.SPAWN).withJvmOptions("-XX:+NoSuchFlagMp4j"))
            .target(() -> { }).build();
        p.start();
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(1, p.exitCode());
    }

    @Test
    void warmStartsRunInSeparateCleanJvms() {
        var warm = Context.of(StartMethod.WARM).withJvmOptions("-Dmp4j.test.code=5");
        assertEquals(StartMethod.WARM, warm.startMethod());
        long[] pids = new long[4];
        for (int i = 0; i < pids.length; i++) {
            var p = Process.builder().context(warm).target(() -> System.exit(Integer.getInteger("mp4j.test.code"))).build();
            p.start();
            p.join();
            assertEquals(5, p.exitCode());
            pids[i] = p.pid();
        }
        assertEquals(pids.length, java.util.Arrays.stream(pids).distinct().count(), "a JVM per process");
    }

    @Test
    void warmChildrenReportExitsAndSignalsLikeSpawned() {
        var warm = Context.of(StartMethod.WARM);
        var failing = Process.builder().context(warm).target(() -> { throw new RuntimeException("x"); }).build();
        failing.start();
        failing.join();
        assertEquals(1, failing.exitCode());
        var sleeper = Process.builder().context(warm).target(() -> Thread.sleep(60_000)).build();
        sleeper.start();
        Leftovers.sleep(200);
        sleeper.terminate();
        sleeper.join();
        assertEquals(-15, sleeper.exitCode());
    }
}
