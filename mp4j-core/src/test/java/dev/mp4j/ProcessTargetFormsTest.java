package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every shape a target can have runs in the child as it would here: a plain {@code Process} travels as its fields
 * and its target is called directly (no lambda class spun), so each kind of lambda and method reference is covered.
 * Each child reports by its exit code.
 */
@Timeout(60)
class ProcessTargetFormsTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    static void exitWith(int code) { System.exit(code); }

    static void exit11() { System.exit(11); }

    record Exiter(int code) implements Serializable {
        void exit() { System.exit(code); }
    }

    static final class ExitOnConstruct implements Serializable {
        ExitOnConstruct() { System.exit(13); }
    }

    static final class Owner implements Serializable {
        final int code = 14;
        SerializableRunnable target() { return () -> System.exit(code); } // captures this
    }

    static class CheckedFailure extends Exception {
        CheckedFailure(String m) { super(m); }
    }

    private static int run(SerializableRunnable target) {
        var p = new Process(target);
        p.start();
        assertTrue(p.join(Duration.ofSeconds(30)));
        return p.exitCode();
    }

    @Test
    void lambdasAndMethodReferences() {
        int a = 3, b = 7;
        assertEquals(10, run(() -> exitWith(a + b)), "lambda capturing two values");
        assertEquals(11, run(ProcessTargetFormsTest::exit11), "static method reference");
        assertEquals(12, run(new Exiter(12)::exit), "bound method reference");
        assertEquals(13, run(ExitOnConstruct::new), "constructor reference");
        assertEquals(14, run(new Owner().target()), "lambda capturing this");
        assertEquals(0, run(() -> { }), "no-op");
    }

    @Test
    void exceptionsKeepTheirMeaning() {
        assertEquals(1, run(() -> { throw new CheckedFailure("checked"); }));
        assertEquals(1, run(() -> { throw new IllegalStateException("unchecked"); }));
        assertEquals(1, run(() -> { throw new AssertionError("error"); }));
    }

    @Test
    void aChildPassesItselfOnToAGrandchild() {
        // the child's own Process (its target included) is serialized again for the grandchild
        var p = new Process("passes-itself", () -> {
            Process me = Process.current();
            var g = new Process(() -> System.exit(me.name().equals("passes-itself") ? 21 : 22));
            g.start();
            g.join();
            System.exit(g.exitCode());
        });
        p.start();
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(21, p.exitCode());
    }
}
