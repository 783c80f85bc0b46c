package dev.mp4j.examples;

import dev.mp4j.examples.pipes.PipeDict;
import dev.mp4j.examples.pipes.PipeProducers;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The pipe seed programs (33, 34), each run as a user runs it, with its output checked. */
@Timeout(120)
class PipeExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    @Test
    void pipeProducersAllReachThePrinterInOrderPerProducer() {
        var out = run(PipeProducers.class);
        assertEquals(20, out.size(), out.toString());
        // the two producers interleave freely, but each one's items arrive in the order it sent them
        for (String name : List.of("A", "B")) {
            assertEquals(IntStream.range(0, 10).mapToObj(i -> name + " " + i).toList(),
                out.stream().filter(l -> l.startsWith(name + " ")).toList());
        }
    }

    @Test
    void pipeDictArrivesWhole() {
        assertEquals(List.of("{Apple=0.7, Orange=1.2}"), run(PipeDict.class));
    }
}
