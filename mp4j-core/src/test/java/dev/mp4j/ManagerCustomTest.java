package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's _TestMyManager / test_mymanager_context / exposed methods and remote errors. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagerCustomTest {
    interface Foo {
        String f();
        String g();
        void fail();
        void failChecked() throws IOException;
        void failUndeclared();
        int add(int a, int b);
        long add(long a, long b);
        List<Integer> echo(List<Integer> xs);
    }

    static class FooImpl implements Foo {
        public String f() { return "f()"; }
        public String g() { throw new IllegalStateException("g() failed"); }
        public void fail() { throw new ArithmeticException("division by zero"); }
        public void failChecked() throws IOException { throw new IOException("disk on fire"); }
        public void failUndeclared() { sneaky(new java.util.concurrent.TimeoutException("late")); }
        public int add(int a, int b) { return a + b; }
        public long add(long a, long b) { return a + b + 1000; }
        public List<Integer> echo(List<Integer> xs) { return xs; }
        public String notExposed() { return "hidden"; }
        @Override public String toString() { return "FooImpl()"; }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> void sneaky(Throwable t) throws T { throw (T) t; }
    }

    interface Counter { int increment(); }

    static class CounterImpl implements Counter {
        private final AtomicInteger n = new AtomicInteger();
        public int increment() { return n.incrementAndGet(); }
    }

    @AfterAll
    static void nothingLeft() { Leftovers.assertNone(); }

    @Test
    void exposedMethodsAndRemoteErrors() {
        Process serverProcess;
        try (Manager m = Manager.builder().register("Foo", Foo.class, FooImpl::new).start()) {
            serverProcess = Process.activeChildren().stream().filter(p -> p.name().startsWith("Manager-")).findFirst().orElseThrow();
            Foo foo = m.create("Foo");
            assertTrue(Proxy.isProxyClass(foo.getClass()));
            assertEquals(List.of(Foo.class), Arrays.asList(foo.getClass().getInterfaces()), "only the registered interface");
            assertEquals("f()", foo.f());
            assertEquals(3, foo.add(1, 2));
            assertEquals(1003L, foo.add(1L, 2L), "overloads stay apart");
            assertEquals(List.of(1, 2), foo.echo(List.of(1, 2)));
            assertEquals("FooImpl()", foo.toString());
            assertEquals(foo, foo);

            IllegalStateException g = assertThrows(IllegalStateException.class, foo::g);
            assertEquals("g() failed", g.getMessage());
            assertTrue(Arrays.stream(g.getStackTrace()).anyMatch(e -> e.getMethodName().equals("g")
                && e.getClassName().endsWith("FooImpl")), "the server's stack trace");
            assertEquals("division by zero", assertThrows(ArithmeticException.class, foo::fail).getMessage());
            assertEquals("disk on fire", assertThrows(IOException.class, foo::failChecked).getMessage());
            RemoteException wrapped = assertThrows(RemoteException.class, foo::failUndeclared);
            assertInstanceOf(java.util.concurrent.TimeoutException.class, wrapped.getCause());
            assertEquals("f()", foo.f(), "the proxy goes on after remote errors");

            assertThrows(IllegalArgumentException.class, () -> m.create("Bar"));
        }
        assertEquals(0, serverProcess.exitCode(), "a shut-down manager process ends normally, as in test_mymanager");
    }

    @Test
    void registeredObjectsAreSeparateAndShareable() throws Exception {
        try (Manager m = Manager.builder().register("counter", Counter.class, CounterImpl::new).start()) {
            Counter a = m.create("counter"), b = m.create("counter");
            assertEquals(1, a.increment());
            assertEquals(2, a.increment());
            assertEquals(1, b.increment());
            assertNotEquals(a, b);
            m.share("a", a);
            Counter again = m.lookup("a");
            assertEquals(a, again);
            assertEquals(a.hashCode(), again.hashCode());
            var child = new Process(() -> { for (int i = 0; i < 10; i++) a.increment(); });
            List<Thread> threads = new ArrayList<>();
            child.start();
            for (int t = 0; t < 2; t++) threads.add(Thread.ofPlatform().start(() -> { for (int i = 0; i < 10; i++) again.increment(); }));
            for (Thread t : threads) t.join();
            child.join();
            assertEquals(0, child.exitCode());
            assertEquals(33, a.increment());
        }
    }

    @Test
    void apiProbeShapeWithConnectedClient() {
        Manager.Builder b = Manager.builder().register("counter", Counter.class, CounterImpl::new)
            .address(new InetSocketAddress("127.0.0.1", 0)).authkey("k".getBytes());
        try (Manager server = b.start(); Manager client = Manager.connect(server.address(), "k".getBytes())) {
            Counter counter = server.create("counter");
            assertEquals(1, counter.increment());
            Counter viaClient = client.create("counter");
            assertEquals(1, viaClient.increment());
            java.util.Map<String, Integer> remote = client.dict();
            remote.put("x", 1);
            client.share("remote", remote);
            assertEquals(java.util.Map.of("x", 1), server.lookup("remote"));
        }
    }

    @Test
    void factoryMustMakeTheInterfaceAndTypeIdsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Manager.builder().register("dict", Counter.class, CounterImpl::new));
        assertThrows(IllegalArgumentException.class, () -> Manager.builder().register("c", CounterImpl.class, CounterImpl::new));
    }

    @Test
    void inThisProcessServerSharesLiveObjects() {
        List<String> local = new ArrayList<>();
        try (Manager m = Manager.builder().address(new InetSocketAddress("127.0.0.1", 0)).authkey("s".getBytes())
                .startInThisProcess()) {
            m.share("log", local);
            try (Manager c = Manager.connect(m.address(), "s".getBytes())) {
                List<String> log = c.lookup("log");
                log.add("hello");
            }
            assertEquals(List.of("hello"), local, "the live object, not a copy");
            Manager other = Manager.connect(m.address(), "s".getBytes());
            List<String> log = other.lookup("log");
            m.shutdown();
            assertThrows(Mp4jException.class, () -> log.add("after"), "a client of a stopped in-process server fails, not hangs");
            other.close();
        }
    }
}
