package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's test_multiprocessing pool tests (_TestPool), on one shared pool of real worker JVMs. */
@Timeout(120)
class PoolTest {
    static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
        pool.join();
        Leftovers.assertNone();
    }

    static int sqr(int x) { return x * x; }

    static int sqrSlow(int x, long millis) throws InterruptedException {
        Thread.sleep(millis);
        return x * x;
    }

    static long power(int x, int y) { return (long) Math.pow(x, y); }

    static List<Integer> range(int n) { return IntStream.range(0, n).boxed().toList(); }

    @Test
    void apply() {
        assertEquals(25, pool.apply(() -> sqr(5)));
        assertEquals(121, pool.<Integer>apply(() -> sqr(11)));
        assertNull(pool.apply(() -> null));
    }

    @Test
    void applyAsyncGetWithTimeout() throws Exception {
        AsyncResult<Integer> r = pool.applyAsync(() -> sqr(12));
        assertEquals(144, r.get(30, TimeUnit.SECONDS));
        assertTrue(r.ready());
        assertTrue(r.successful());
    }

    @Test
    void asyncTimeout() throws Exception {
        // CPython test_async_timeout: get(timeout) raises TimeoutError while the task sleeps
        AsyncResult<Integer> r = pool.applyAsync(() -> sqrSlow(6, 1000));
        long t0 = System.nanoTime();
        assertThrows(TimeoutException.class, () -> r.get(100, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - t0 < 900_000_000L);
        assertFalse(r.ready());
        assertThrows(IllegalStateException.class, r::successful);
        assertFalse(r.waitReady(Duration.ofMillis(10)));
        assertEquals(36, r.get());
    }

    @Test
    void map() {
        assertEquals(range(10).stream().map(PoolTest::sqr).toList(), pool.map(PoolTest::sqr, range(10)));
        assertEquals(range(100).stream().map(PoolTest::sqr).toList(), pool.map(x -> x * x, range(100), 2));
        List<Integer> big = range(10_000);
        assertEquals(big.stream().map(PoolTest::sqr).toList(), pool.map(PoolTest::sqr, big));
    }

    @Test
    void mapKeepsValuesOfEveryKindWhetherChunksArePackedOrNot() {
        // chunks of Integers travel packed, anything else through the codec, in either direction
        List<Object> mixed = new ArrayList<>(List.of(1, 2, 3));
        mixed.add(null);
        mixed.add(5L);
        assertEquals(List.of("0", "1", "2"), pool.map(x -> Integer.toString(x), range(3)));
        assertEquals(List.of(1, 2, 3), pool.map(String::length, List.of("a", "bb", "ccc")));
        assertEquals(Arrays.asList("1", "2", "3", "null", "5"), pool.map(String::valueOf, mixed, 2));
        assertEquals(Arrays.asList(0, null, 3L), pool.map(x -> x == 1 ? null : x == 2 ? 3L : (Object) x, List.of(0, 1, 2), 3));
        List<Integer> extremes = List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
        List<Integer> back = pool.map(x -> x, extremes);
        assertEquals(extremes, back);
        for (Object x : back) assertEquals(Integer.class, x.getClass());
        ResultIterator<Integer> it = pool.imap(x -> -x, range(50), 7);
        for (int i = 0; i < 50; i++) assertEquals(-i, it.next());
        assertFalse(it.hasNext());
    }

    @Test
    void mapChunksizeAndEmpty() {
        // CPython test_map_chunksize / test_empty_iterable
        assertEquals(List.of(), pool.map(PoolTest::sqr, List.<Integer>of()));
        assertEquals(List.of(), pool.map(PoolTest::sqr, List.<Integer>of(), 1));
        assertEquals(List.of(), pool.starmap(PoolTest::power, List.<Args.Two<Integer, Integer>>of()));
        assertFalse(pool.imap(PoolTest::sqr, List.<Integer>of()).hasNext());
        assertFalse(pool.imapUnordered(PoolTest::sqr, List.<Integer>of()).hasNext());
        assertThrows(IllegalArgumentException.class, () -> pool.map(PoolTest::sqr, range(3), 0));
        assertThrows(IllegalArgumentException.class, () -> pool.imap(PoolTest::sqr, range(3), -1));
        for (int cs : new int[] {1, 3, 7, 50, 1000}) assertEquals(List.of(0, 1, 4, 9, 16, 25, 36), pool.map(PoolTest::sqr, range(7), cs));
    }

    @Test
    void mapResultIsAModifiableList() {
        List<Integer> r = pool.map(PoolTest::sqr, range(3));
        r.add(99);
        assertEquals(List.of(0, 1, 4, 99), r);
    }

    @Test
    void starmap() {
        List<Args.Two<Integer, Integer>> args = List.of(Args.of(2, 2), Args.of(4, 3), Args.of(5, 5));
        assertEquals(List.of(4L, 64L, 3125L), pool.starmap(PoolTest::power, args));
        assertEquals(List.of(4L, 64L, 3125L), pool.starmap(PoolTest::power, args, 1));
        assertEquals(List.of(6, 15), pool.starmap((Integer a, Integer b, Integer c) -> a + b + c, List.of(Args.of(1, 2, 3), Args.of(4, 5, 6))));
        assertEquals(List.of(3125L), pool.starmapAsync((Integer x, Integer y) -> power(x, y), List.of(new Args.Two<>(5, 5))).toCompletableFuture().join());
    }

    @Test
    void imapOrderedAndLazy() {
        ResultIterator<Integer> it = pool.imap(PoolTest::sqr, range(10));
        for (int i = 0; i < 10; i++) assertEquals(i * i, it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        it = pool.imap(PoolTest::sqr, range(1000), 100);
        int i = 0;
        for (int v : it) assertEquals(sqr(i++), v);
        assertEquals(1000, i);
    }

    @Test
    void imapResultsArriveWhileInputIsConsumed() {
        // an input that blocks after its first item until the first result has been seen
        var seen = new java.util.concurrent.CountDownLatch(1);
        Iterable<Integer> input = () -> new Iterator<>() {
            int n;
            public boolean hasNext() {
                if (n == 1) {
                    try {
                        assertTrue(seen.await(30, TimeUnit.SECONDS), "first result did not arrive while input was pending");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return n < 3;
            }
            public Integer next() { return n++; }
        };
        ResultIterator<Integer> it = pool.imap(PoolTest::sqr, input);
        assertEquals(0, it.next(Duration.ofSeconds(30)));
        seen.countDown();
        assertEquals(1, it.next());
        assertEquals(4, it.next());
        assertFalse(it.hasNext());
    }

    @Test
    void imapUnordered() {
        List<Integer> got = new ArrayList<>();
        for (int v : pool.imapUnordered(PoolTest::sqr, range(100))) got.add(v);
        Collections.sort(got);
        assertEquals(range(100).stream().map(PoolTest::sqr).toList(), got);
        got.clear();
        pool.imapUnordered(PoolTest::sqr, range(50), 7).forEachRemaining(got::add);
        assertEquals(50, got.size());
    }

    @Test
    void imapNextTimeout() {
        ResultIterator<Integer> it = pool.imap(x -> sqrSlow(x, 1000), List.of(3));
        assertThrows(ResultTimeoutException.class, () -> it.next(Duration.ofMillis(50)));
        assertEquals(9, it.next(Duration.ofSeconds(30)));
        assertThrows(NoSuchElementException.class, () -> it.next(Duration.ofSeconds(1)));
    }

    static int raiseAt(int x, int bad) {
        if (x == bad) throw new IllegalStateException("bad item " + x);
        return x;
    }

    @Test
    void taskExceptionsKeepClassMessageAndChildStack() {
        // CPython test_traceback / test_map_async_error
        var e = assertThrows(ArithmeticException.class, () -> pool.apply(() -> 1 / (Integer.parseInt("0"))));
        assertTrue(e.getMessage().contains("/ by zero"));
        assertTrue(java.util.Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().contains("WorkerMain")),
            "the stack trace is the child's");
        var e2 = assertThrows(IllegalStateException.class, () -> pool.map(x -> raiseAt(x, 5), range(10)));
        assertEquals("bad item 5", e2.getMessage());
        var e3 = assertThrows(RemoteException.class, () -> pool.apply(() -> { throw new IOException("disk"); }));
        assertInstanceOf(IOException.class, e3.getCause());
        assertEquals("disk", e3.getCause().getMessage());
        var f = pool.submit(() -> { throw new IOException("sub"); });
        var ee = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(IOException.class, ee.getCause());
        // the same worker goes on
        assertEquals(4, pool.apply(() -> sqr(2)));
    }

    @Test
    void imapErrorAtItsPosition() {
        // CPython test_imap_handle_iterable_exception / test_imap_unordered_handle_iterable_exception
        ResultIterator<Integer> it = pool.imap(x -> raiseAt(x, 3), range(6));
        for (int i = 0; i < 3; i++) assertEquals(i, it.next());
        assertThrows(IllegalStateException.class, it::next);
        assertEquals(4, it.next());
        assertEquals(5, it.next());
        assertFalse(it.hasNext());
    }

    /** CPython's SayWhenError: an iterable that raises after {@code when} items. */
    static Iterable<Integer> exceptionAfter(int length, int when) {
        return () -> new Iterator<>() {
            int i;
            public boolean hasNext() { return i < length; }
            public Integer next() {
                if (i == when) throw new UnsupportedOperationException("input broke at " + when);
                return i++;
            }
        };
    }

    @Test
    void inputIteratorExceptions() {
        var e = assertThrows(UnsupportedOperationException.class, () -> pool.map(PoolTest::sqr, exceptionAfter(10, 1)));
        assertEquals("input broke at 1", e.getMessage());
        for (int cs : new int[] {1, 2, 5}) {
            ResultIterator<Integer> it = pool.imap(PoolTest::sqr, exceptionAfter(10, 7), cs);
            for (int i = 0; i < 7; i++) assertEquals(i * i, it.next());
            assertThrows(UnsupportedOperationException.class, it::next);
            assertFalse(it.hasNext());
            ResultIterator<Integer> un = pool.imapUnordered(PoolTest::sqr, exceptionAfter(10, 7), cs);
            int n = 0;
            for (int i = 0; i < 7; i++) { un.next(); n++; }
            assertThrows(UnsupportedOperationException.class, un::next);
            assertEquals(7, n);
        }
    }

    static final class NotSerializable { final int v; NotSerializable(int v) { this.v = v; } }

    @Test
    void unserializableArgumentFailsAtTheCall() {
        var thing = new NotSerializable(1);
        var e = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> thing.v));
        assertTrue(e.getMessage().contains("NotSerializable"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, List.of(new NotSerializable(2))));
        assertTrue(e2.getMessage().contains("NotSerializable"), e2.getMessage());
    }

    @Test
    void unserializableResultFailsThatTaskOnly() {
        var e = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> new NotSerializable(3)));
        assertTrue(e.getMessage().contains("NotSerializable"), e.getMessage());
        assertEquals(List.of(1, 4), pool.map(PoolTest::sqr, List.of(1, 2)));
    }

    @Test
    void largeArgumentsAndResults() {
        byte[] mb = new byte[8 << 20];
        mb[mb.length - 1] = 7;
        assertEquals(7, pool.apply(() -> (int) mb[mb.length - 1]));
        assertEquals(16 << 20, pool.apply(() -> new byte[16 << 20]).length);
        assertEquals(List.of(8 << 20, 8 << 20), pool.map(b -> b.length, List.of(mb, mb), 1));
    }

    @Test
    void callbacksRunExactlyOnce() throws Exception {
        // CPython test_async_callback / test_async_error_callback
        var ok = new AtomicInteger();
        var err = new AtomicInteger();
        var value = new AtomicReference<Object>();
        AsyncResult<Integer> r = pool.applyAsync(() -> sqr(7), v -> { ok.incrementAndGet(); value.set(v); }, t -> err.incrementAndGet());
        assertEquals(49, r.get());
        assertEquals(1, ok.get());
        assertEquals(0, err.get());
        assertEquals(49, value.get());

        AsyncResult<Integer> bad = pool.applyAsync(() -> raiseAt(1, 1), v -> ok.incrementAndGet(), t -> { err.incrementAndGet(); value.set(t); });
        assertTrue(bad.waitReady(Duration.ofSeconds(30)));
        assertFalse(bad.successful());
        assertEquals(1, ok.get());
        assertEquals(1, err.get());
        assertInstanceOf(IllegalStateException.class, value.get(), "the task's own exception, not a wrapper");

        var lists = new AtomicReference<List<Integer>>();
        pool.mapAsync(PoolTest::sqr, range(5), lists::set, t -> err.incrementAndGet()).get();
        assertEquals(List.of(0, 1, 4, 9, 16), lists.get());
        var failures = new AtomicReference<Throwable>();
        AsyncResult<List<Integer>> mr = pool.mapAsync(x -> raiseAt(x, 2), range(5), 1, l -> ok.incrementAndGet(), failures::set);
        assertThrows(ExecutionException.class, mr::get);
        assertInstanceOf(IllegalStateException.class, failures.get());
        assertEquals(1, ok.get());
    }

    @Test
    void completableFuture() throws Exception {
        var cf = pool.applyAsync(() -> sqr(9)).toCompletableFuture();
        assertEquals(81, cf.get(30, TimeUnit.SECONDS));
        var bad = pool.applyAsync(() -> raiseAt(1, 1)).toCompletableFuture();
        var e = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void executorService() throws Exception {
        assertEquals(42, pool.submit(() -> 6 * 7).get());
        List<SerializableCallable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        var all = pool.invokeAll(tasks);
        assertEquals(List.of(1, 2, 3), all.stream().map(f -> f.resultNow()).toList());
        assertTrue(List.of(1, 2, 3).contains(pool.invokeAny(tasks)));
        List<SerializableCallable<Integer>> failing = List.of(() -> raiseAt(1, 1), () -> 5);
        assertEquals(5, pool.invokeAny(failing));
        assertThrows(ExecutionException.class, () -> pool.invokeAny(List.<SerializableCallable<Integer>>of(() -> raiseAt(1, 1))));
        assertNull(pool.submit((Runnable & java.io.Serializable) () -> { }).get());
        assertFalse(pool.isShutdown());
        assertFalse(pool.isTerminated());
    }

    @Test
    void progressListener() throws Exception {
        var calls = Collections.synchronizedList(new ArrayList<long[]>());
        pool.map(PoolTest::sqr, range(100), 10, (done, total) -> calls.add(new long[] {done, total}));
        assertEquals(10, calls.size());
        assertEquals(100, calls.stream().mapToLong(c -> c[0]).max().orElse(0));
        assertTrue(calls.stream().allMatch(c -> c[1] == 100));
        calls.clear();
        // a listener that throws is reported, and the results still arrive
        assertEquals(List.of(0, 1, 4), pool.map(PoolTest::sqr, range(3), 1, (d, t) -> { throw new IllegalStateException("listener bug"); }));
        assertEquals(List.of(0, 1), pool.applyAsync(() -> List.of(0, 1), v -> { throw new IllegalStateException("callback bug"); }, e -> { }).get());
        pool.imap(PoolTest::sqr, range(20), 5, (done, total) -> calls.add(new long[] {done, total})).forEachRemaining(x -> { });
        assertEquals(20, calls.stream().mapToLong(c -> c[0]).max().orElse(0));
    }
}
