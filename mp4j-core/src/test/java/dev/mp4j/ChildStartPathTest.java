package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A child's start-up stays lean: from JVM start to the end of a lambda target it defines no class at run time (no
 * lambda class, no method-handle class from reflection or string concatenation), each of which costs a cold JVM
 * milliseconds. Read from the child's own class-loading log.
 */
@Timeout(60)
class ChildStartPathTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void aChildRunningALambdaDefinesNoClassAtRunTime(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        var context = Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log);
        int answer = 42;
        var p = Process.builder().context(context).target(() -> {
            if (answer != 42) System.exit(3); // a captured value, as most targets have
        }).build();
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.runtime.ChildMain ")), "log written");
        List<String> spun = lines.stream()
            .filter(l -> l.contains("$$Lambda") || l.contains("LambdaForm$") || l.contains("__JVM_LookupDefineClass__")
                || l.contains("__Lookup_defineClass__"))
            .filter(l -> !l.contains("shared objects file"))
            .toList();
        assertEquals(List.of(), spun, "classes defined at run time on the child's start path");
    }

    /** A queue captured by the target travels in mp4j's own form: ObjectInputStream's first use costs 20-30 ms. */
    @Test
    void aChildHandedAQueueReadsItWithoutJavaSerialization(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        var context = Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log);
        var queue = new Queue<String>();
        var simple = new SimpleQueue<String>();
        var joinable = new JoinableQueue<String>();
        var p = Process.builder().context(context).target(() -> {
            queue.put("one");
            simple.put("two");
            joinable.put("three");
        }).build();
        p.start();
        assertEquals("one", queue.get(java.time.Duration.ofSeconds(30)));
        assertEquals("two", simple.get());
        assertEquals("three", joinable.get(java.time.Duration.ofSeconds(30)));
        joinable.taskDone();
        p.join();
        assertEquals(0, p.exitCode());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.messaging.QueueCore ")), "log written");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("java.io.ObjectInputStream ")).toList(),
            "the child read its queues through ObjectInputStream");
        queue.close();
        simple.close();
        joinable.close();
    }

    @Test
    void aChildHandedLocksSemaphoresAndAnEventReadsThemWithoutJavaSerialization(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        var context = Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log);
        var lock = new Lock();
        var rlock = new RLock();
        var started = new Event();
        var release = new Event();
        var permits = new Semaphore(2);
        var bounded = new BoundedSemaphore(1);
        var p = Process.builder().context(context).target(() -> {
            lock.acquire();
            rlock.acquire();
            rlock.acquire();
            permits.acquire();
            permits.acquire();
            bounded.acquire();
            bounded.release();
            try {
                bounded.release(); // over its bound: must throw here too
                System.exit(7);
            } catch (RuntimeException expected) {
                // still bounded in the child
            }
            bounded.acquire();
            started.set();
            release.await(java.time.Duration.ofSeconds(30));
            rlock.release();
            rlock.release();
            lock.release();
        }).build();
        p.start();
        assertTrue(started.await(java.time.Duration.ofSeconds(30)), "the child set the shared event");
        assertFalse(lock.tryAcquire(), "the child holds the shared lock");
        assertFalse(rlock.tryAcquire(), "the child holds the shared re-entrant lock");
        assertFalse(permits.acquire(java.time.Duration.ZERO), "the child took both permits");
        assertFalse(bounded.acquire(java.time.Duration.ZERO), "the child took the bounded semaphore's permit");
        release.set();
        p.join();
        assertEquals(0, p.exitCode());
        bounded.release(); // the permit the child kept
        assertTrue(lock.tryAcquire());
        assertTrue(rlock.tryAcquire());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.sync.LockCore ")), "log written");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("java.io.ObjectInputStream ")).toList(),
            "the child read its locks through ObjectInputStream");
    }

    @Test
    void aChildHandedValuesAndArraysReadsThemWithoutJavaSerialization(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        var context = Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log);
        var counter = Value.ofLong(40);
        var raw = Value.ofDouble(1.5, false);
        var flag = Value.ofBoolean(false);
        var squares = SharedArray.ofInts(new int[] {1, 2, 3, 4});
        var bytes = SharedArray.ofBytes(3);
        var p = Process.builder().context(context).target(() -> {
            try (var h = counter.getLock().hold()) {
                counter.set(counter.get() + 2);
            }
            raw.set(raw.get() * 2);
            flag.set(true);
            for (int i = 0; i < squares.length(); i++) squares.set(i, squares.get(i) * squares.get(i));
            bytes.set(2, (byte) 9);
        }).build();
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(42, counter.get());
        assertEquals(3.0, raw.get());
        assertTrue(flag.get());
        assertArrayEquals(new int[] {1, 4, 9, 16}, squares.toArray());
        assertEquals(9, bytes.get(2));
        assertTrue(counter.getLock().tryAcquire(), "the child released the value's lock");
        counter.getLock().release();
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.sync.Values ")), "log written");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("java.io.ObjectInputStream ")).toList(),
            "the child read its values and arrays through ObjectInputStream");
    }

    @Test
    void aChildHandedAConditionAndABarrierReadsThemWithoutJavaSerialization(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        var context = Context.getDefault().withJvmOptions("-Xlog:class+load=info:file=" + log);
        var lock = new Lock();
        var condition = new Condition(lock);
        var ready = Value.ofBoolean(false, false);
        var rounds = Value.ofInt(0);
        var barrier = new Barrier(2, () -> rounds.incrementAndGet(), java.time.Duration.ofSeconds(30));
        var p = Process.builder().context(context).target(() -> {
            barrier.await(); // meets the parent, with the default timeout it was made with
            condition.acquire();
            ready.set(true);
            condition.signalAll();
            condition.release();
            barrier.await();
        }).build();
        p.start();
        barrier.await(java.time.Duration.ofSeconds(30));
        condition.acquire();
        try {
            assertTrue(condition.awaitUntil(ready::get, java.time.Duration.ofSeconds(30)), "signalled by the child");
        } finally {
            condition.release();
        }
        barrier.await(java.time.Duration.ofSeconds(30));
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(2, rounds.get(), "the barrier's action ran once per round");
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.mp4j.internal.sync.ConditionCore ")), "log written");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("java.io.ObjectInputStream ")).toList(),
            "the child read its condition and barrier through ObjectInputStream");
    }

    @Test
    void reflectionInChildrenUsesTheNativeAccessorUnlessTheContextSaysOtherwise() throws Exception {
        var byDefault = new Process(() -> {
            if (!"true".equals(System.getProperty("jdk.reflect.useNativeAccessorOnly"))) System.exit(3);
        });
        byDefault.start();
        byDefault.join();
        assertEquals(0, byDefault.exitCode());
        var overridden = Process.builder()
            .context(Context.getDefault().withJvmOptions("-Djdk.reflect.useNativeAccessorOnly=false"))
            .target(() -> {
                if (!"false".equals(System.getProperty("jdk.reflect.useNativeAccessorOnly"))) System.exit(3);
            }).build();
        overridden.start();
        overridden.join();
        assertEquals(0, overridden.exitCode());
    }
}
