package dev.mp4j.examples;

import dev.mp4j.examples.managers.ManagerDict;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The manager seed program (36), run as a user runs it, with its output checked. */
@Timeout(120)
class ManagerExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    @Test
    void managerDictFilledByTheChildIsSeenByTheParent() {
        assertEquals(List.of("{Apple=0.7, Orange=1.2}"), run(ManagerDict.class));
    }
}
