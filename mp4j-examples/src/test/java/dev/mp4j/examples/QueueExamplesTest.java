package dev.mp4j.examples;

import dev.mp4j.examples.queues.AddManyNumbers;
import dev.mp4j.examples.queues.AddTwoNumbers;
import dev.mp4j.examples.queues.ManySquares;
import dev.mp4j.examples.queues.OrderedSquares;
import dev.mp4j.examples.queues.PiByIntegration;
import dev.mp4j.examples.queues.QueueOfTasks;
import dev.mp4j.examples.queues.QueueOrder;
import dev.mp4j.examples.queues.RandomDelaySquares;
import dev.mp4j.examples.queues.RandomNumbers;
import dev.mp4j.examples.queues.SendFiveNames;
import dev.mp4j.examples.queues.SendName;
import dev.mp4j.examples.queues.SquareViaQueue;
import dev.mp4j.examples.queues.WordsQueue;
import dev.mp4j.testing.Leftovers;
import dev.mp4j.testing.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The queue seed programs, each run as a user runs it, with its results checked (order-free where Python's is). */
@Timeout(120)
class QueueExamplesTest {

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    private static List<String> run(Class<?> example, String... args) {
        return Programs.runClean(example, args);
    }

    /** "[a, b, c]" as ints. */
    private static List<Integer> ints(String list) {
        assertTrue(list.startsWith("[") && list.endsWith("]"), list);
        return Arrays.stream(list.substring(1, list.length() - 1).split(", ")).map(Integer::parseInt).toList();
    }

    private static List<Integer> sorted(List<Integer> list) {
        return list.stream().sorted().toList();
    }

    @Test
    void squareViaQueue() {
        assertEquals(List.of("25"), run(SquareViaQueue.class));
    }

    @Test
    void manySquaresAllArriveInSomeOrder() {
        var out = run(ManySquares.class);
        assertEquals(1, out.size(), out.toString());
        assertEquals(List.of(4, 9, 16, 25, 36, 49, 64, 81), sorted(ints(out.get(0))));
    }

    @Test
    void randomDelaySquaresAllArriveInSomeOrder() {
        var out = run(RandomDelaySquares.class);
        assertEquals(1, out.size(), out.toString());
        assertEquals(List.of(4, 9, 16, 25, 36, 49, 64, 81), sorted(ints(out.get(0))));
    }

    @Test
    void orderedSquaresAreInInputOrder() {
        assertEquals(List.of("[4, 16, 36, 64, 9, 25, 49, 81]"), run(OrderedSquares.class));
    }

    @Test
    void piByIntegration() {
        var out = run(PiByIntegration.class);
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("pi = "), out.get(0));
        assertEquals(Math.PI, Double.parseDouble(out.get(0).substring(5)), 1e-6);
    }

    @Test
    void sendNameBlocksTheChildUntilTheParentPuts() {
        var out = run(SendName.class);
        assertEquals(3, out.size(), out.toString());
        assertTrue(out.contains("(child process) Waiting for name..."), out.toString());
        assertTrue(out.contains("(main process) Ok, I'll send the name"), out.toString());
        // the parent says it sends before it puts: the child can only greet after that
        assertEquals("(child process) Well, hi Jimmy", out.get(2), out.toString());
    }

    @Test
    void sendFiveNamesArriveInOrder() {
        var out = run(SendFiveNames.class);
        assertEquals(15, out.size(), out.toString());
        var greetings = out.stream().filter(l -> l.startsWith("(child process) Well, hi ")).toList();
        assertEquals(IntStream.range(0, 5).mapToObj(i -> "(child process) Well, hi George" + i).toList(), greetings);
        for (int i = 0; i < 5; i++) {
            // the child greets George i only after the parent has sent it
            assertTrue(out.indexOf("(main process) Sending name George" + i) < out.indexOf("(child process) Well, hi George" + i),
                out.toString());
        }
    }

    @Test
    void addTwoNumbersFromTheArguments() {
        assertEquals(List.of("The sum of 2 and 3 is 5"), run(AddTwoNumbers.class));
        assertEquals(List.of("The sum of 40 and -2 is 38"), run(AddTwoNumbers.class, "40", "-2"));
    }

    @Test
    void addManyNumbersMergesBothHalves() {
        // the program draws its million numbers as new Random(seed).ints(1_000_000, 1, 101)
        long expected = new Random(42).ints(1_000_000, 1, 101).asLongStream().sum();
        assertEquals(List.of("The total is " + expected), run(AddManyNumbers.class, "42"));
    }

    @Test
    void randomNumbersFromFourProcesses() {
        var out = run(RandomNumbers.class);
        assertEquals(1, out.size(), out.toString());
        String list = out.get(0);
        var values = Arrays.stream(list.substring(1, list.length() - 1).split(", ")).map(Double::parseDouble).toList();
        assertEquals(4, values.size(), list);
        assertTrue(values.stream().allMatch(v -> v >= 0 && v < 1), list);
        assertEquals(4, values.stream().distinct().count(), "four processes, four different numbers: " + list);
    }

    @Test
    void wordsQueueGivesEachWordToOneProcess() {
        var out = run(WordsQueue.class);
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.stream().allMatch(l -> l.matches("Process-\\d got \\w+")), out.toString());
        assertEquals(List.of("cloud", "ocean", "sky", "wood"), out.stream().map(l -> l.split(" got ")[1]).sorted().toList());
        assertEquals(4, out.stream().map(l -> l.split(" got ")[0]).distinct().count(), out.toString());
    }

    @Test
    void queueOrderIsRestoredBySorting() {
        assertEquals(List.of("[4, 16, 36, 9, 25, 64, 81, 49]"), run(QueueOrder.class));
    }

    @Test
    void queueOfTasksIsSharedOutOneTaskEach() {
        var out = run(QueueOfTasks.class);
        assertEquals(10, out.size(), out.toString());
        assertTrue(out.stream().allMatch(l -> l.matches("Process-\\d+: \\d squared is \\d+")), out.toString());
        var tasks = out.stream().map(l -> Integer.parseInt(l.split(": ")[1].split(" ")[0])).sorted().toList();
        assertEquals(IntStream.range(0, 10).boxed().toList(), tasks);
        for (var l : out) {
            int x = Integer.parseInt(l.split(": ")[1].split(" ")[0]);
            assertTrue(l.endsWith(" squared is " + x * x), l);
        }
        assertEquals(10, out.stream().map(l -> l.split(":")[0]).distinct().count(), "one task per process");
    }
}
