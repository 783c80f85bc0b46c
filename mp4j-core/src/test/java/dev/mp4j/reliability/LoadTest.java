package dev.mp4j.reliability;

import dev.mp4j.Lock;
import dev.mp4j.Process;
import dev.mp4j.Queue;
import dev.mp4j.Value;
import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 64 child JVMs on a 2-core machine share one Queue and one Lock: each does 200 increments of a raw (unlocked)
 * Value under the Lock, as read-modify-write, and puts 200 items, while this JVM takes them. Exact totals: the
 * counter, every item exactly once, each producer's items in order.
 */
@Timeout(150)
class LoadTest {
    static final int PROCESSES = 64, EACH = 200;

    @AfterAll
    static void nothingLeft() {
        Leftovers.assertNone();
    }

    @Test
    void sixtyFourProcessesOneQueueOneLock() {
        var q = new Queue<long[]>(256);
        var lock = new Lock();
        Value.OfLong counter = Value.ofLong(0, false); // raw: only the Lock keeps the increments exact
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            int me = p;
            var proc = new Process(() -> {
                for (int i = 0; i < EACH; i++) {
                    try (Lock.Held h = lock.hold()) {
                        long v = counter.get();
                        counter.set(v + 1);
                    }
                    q.put(new long[] {me, i, me * 1_000_003L + i});
                }
            });
            proc.start();
            ps.add(proc);
        }
        long startedMs = (System.nanoTime() - t0) / 1_000_000;
        int[] next = new int[PROCESSES];
        int got = 0;
        while (got < PROCESSES * EACH) {
            long[] item = q.get(Duration.ofSeconds(90));
            int p = (int) item[0];
            assertEquals(3, item.length);
            assertEquals(p * 1_000_003L + item[1], item[2], "item intact");
            assertEquals(next[p], item[1], "producer " + p + ": items in order, none lost or repeated");
            next[p]++;
            got++;
        }
        for (Process p : ps) {
            assertTrue(p.join(Duration.ofSeconds(60)), p.name() + " hangs");
            assertEquals(0, p.exitCode(), p.name());
            p.close();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(PROCESSES * EACH, counter.get(), "locked increments");
        assertEquals(0, q.qsize());
        assertThrows(dev.mp4j.QueueEmptyException.class, q::getNowait, "nothing extra");
        assertFalse(lock.isLocked());
        System.err.printf("LoadTest: %d processes (all started after %d ms), %d locked increments and %d items moved in %d ms%n",
            PROCESSES, startedMs, counter.get(), got, ms);
    }
}
