package dev.mp4j;

import dev.mp4j.testing.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Ports of CPython's _TestContainers (dict, list, nested proxies), namespace and value tests, on one manager. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagerTest {
    private static Manager manager;

    @BeforeAll
    static void startManager() {
        manager = Manager.start();
    }

    @AfterAll
    static void stopManager() {
        manager.close();
        Leftovers.assertNone();
    }

    private static void join(Process p) {
        p.start();
        assertTrue(p.join(java.time.Duration.ofSeconds(60)));
        assertEquals(0, p.exitCode());
    }

    @Test
    void list() {
        List<Integer> a = IntStream.range(0, 10).boxed().toList();
        List<Integer> b = manager.list();
        b.addAll(a);
        assertEquals(a, b);
        assertEquals(b, a);
        b.addAll(IntStream.range(0, 5).boxed().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4), new ArrayList<>(b));
        assertEquals(2, b.get(2));
        assertEquals(List.of(2, 3), b.subList(2, 4));
        b.add(1, 99);
        assertEquals(99, b.remove(1));
        b.remove((Object) 0);
        assertEquals(1, b.get(0));
        assertEquals(14, b.size());
        assertTrue(b.contains(9));
        assertEquals(8, b.indexOf(9));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4).toString(), b.toString());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4).hashCode(), b.hashCode());
        assertEquals(List.of(1, 2, 3), b.stream().limit(3).toList());
        b.removeIf(x -> x < 5);
        assertEquals(List.of(5, 6, 7, 8, 9), b);
        b.set(0, 50);
        b.subList(1, 3).clear();
        assertEquals(List.of(50, 8, 9), b);
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(3));
        b.clear();
        assertTrue(b.isEmpty());
        List<Object> nulls = manager.list();
        nulls.add(null);
        assertEquals(java.util.Collections.singletonList(null), nulls);
    }

    @Test
    void initialContents() {
        List<Integer> l = manager.list(List.of(3, 1, 2));
        assertEquals(List.of(3, 1, 2), l);
        Map<String, Integer> d = manager.dict(Map.of("a", 1));
        d.put("b", 2);
        assertEquals(Map.of("a", 1, "b", 2), d);
        List<List<Integer>> nested = manager.list(List.of(l));
        nested.get(0).add(4);
        assertEquals(List.of(3, 1, 2, 4), l, "a proxy among the initial elements stays shared");
    }

    @Test
    void listIteratorIsASnapshotWhoseRemoveWritesThrough() {
        List<String> l = manager.list();
        l.addAll(List.of("a", "b", "c", "d"));
        Iterator<String> it = l.iterator();
        List<String> seen = new ArrayList<>();
        while (it.hasNext()) {
            String s = it.next();
            seen.add(s);
            if (s.equals("b") || s.equals("c")) it.remove();
        }
        assertEquals(List.of("a", "b", "c", "d"), seen);
        assertEquals(List.of("a", "d"), l);
    }

    @Test
    void listHoldsACopyOfAPlainList() {
        List<Integer> a = new ArrayList<>(List.of(1, 2));
        List<List<Integer>> f = manager.list();
        f.add(a);
        a.add(3);
        assertEquals(List.of(1, 2), f.get(0)); // as in Python: a plain list is copied in
    }

    @Test
    void listProxyInList() {
        List<List<Integer>> a = manager.list();
        for (int i = 0; i < 3; i++) {
            List<Integer> inner = manager.list();
            inner.addAll(List.of(0, 1, 2));
            a.add(inner);
        }
        a.get(0).set(2, 55);
        assertEquals(List.of(0, 1, 55), a.get(0));
        for (int i = 1; i < 3; i++) assertEquals(List.of(0, 1, 2), a.get(i));
        a.get(1).add(3);
        assertEquals(List.of(0, 1, 2, 3), a.get(1));
        assertEquals(4, a.get(1).size());
        assertEquals("[[0, 1, 55], [0, 1, 2, 3], [0, 1, 2]]", a.toString());
    }

    @Test
    void dict() {
        Map<Integer, String> d = manager.dict();
        Map<Integer, String> expected = new LinkedHashMap<>();
        for (int i = 69; i >= 65; i--) {
            d.put(i, Character.toString(i));
            expected.put(i, Character.toString(i));
        }
        assertEquals(expected, d);
        assertEquals(d, expected);
        assertEquals(expected.hashCode(), d.hashCode());
        assertEquals(expected.toString(), d.toString());
        assertEquals(List.of(69, 68, 67, 66, 65), new ArrayList<>(d.keySet()), "insertion order");
        assertEquals(List.copyOf(expected.values()), new ArrayList<>(d.values()));
        assertEquals(List.copyOf(expected.entrySet()), new ArrayList<>(d.entrySet()));
        assertEquals("A", d.get(65));
        assertNull(d.get(1));
        assertTrue(d.containsKey(66));
        assertTrue(d.containsValue("C"));
        assertFalse(d.containsKey(1));
        assertEquals("A", d.put(65, "a"));
        assertEquals("a", d.remove(65));
        assertNull(d.putIfAbsent(65, "A"));
        assertEquals("A", d.putIfAbsent(65, "x"));
        assertFalse(d.remove(65, "x"));
        assertTrue(d.replace(65, "A", "AA"));
        assertEquals("zz", d.getOrDefault(1, "zz"));
        assertEquals(5, d.size());
        d.keySet().removeIf(k -> k % 2 == 0);
        assertEquals(Map.of(69, "E", 67, "C", 65, "AA"), d);
        for (var e : d.entrySet()) e.setValue(e.getValue().toLowerCase());
        assertEquals(Map.of(69, "e", 67, "c", 65, "aa"), d);
        d.putAll(Map.of(1, "one"));
        assertEquals("one", d.get(1));
        d.clear();
        assertTrue(d.isEmpty());
        assertEquals("{}", d.toString());
    }

    /** Requests and replies far larger than the local call channel's buffer go through in pieces, both ways. */
    @Test
    void valuesOfSeveralMegabytes() {
        Map<String, byte[]> d = manager.dict();
        byte[] big = new byte[3 * (1 << 20) + 777];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7 + 3);
        assertNull(d.put("big", big));
        assertArrayEquals(big, d.get("big"));
        d.put("small", new byte[] {1});
        Map<String, byte[]> copy = ((dev.mp4j.internal.manager.DictProxy<String, byte[]>) d).copy();
        assertArrayEquals(big, copy.get("big"));
        assertArrayEquals(new byte[] {1}, d.get("small"));
    }

    @Test
    void dictProxyNested() {
        Map<String, Integer> pets = manager.dict();
        pets.put("ferrets", 2);
        pets.put("hamsters", 4);
        Map<String, Integer> supplies = manager.dict();
        supplies.put("water", 10);
        supplies.put("feed", 3);
        Map<String, Map<String, Integer>> d = manager.dict();
        d.put("pets", pets);
        d.put("supplies", supplies);
        assertEquals(2, d.get("pets").get("ferrets"));
        d.get("pets").put("ferrets", 3);
        assertEquals(3, pets.get("ferrets"), "a dict stored in a dict stays shared");
        assertEquals(Map.of("ferrets", 3, "hamsters", 4), d.get("pets"));
        pets = null;
        System.gc();
        assertEquals(3, d.get("pets").get("ferrets"));

        List<Map<String, Integer>> outer = manager.list();
        outer.add(supplies);
        outer.get(0).put("water", 11);
        assertEquals(11, supplies.get("water"));
        assertEquals(11, d.get("supplies").get("water"));
    }

    @Test
    void namespace() {
        Namespace n = manager.namespace();
        n.set("name", "Bob");
        n.set("job", "Builder");
        n.set("_hidden", "hidden");
        assertEquals("Bob", n.<String>get("name"));
        assertEquals("Builder", n.<String>get("job"));
        n.remove("job");
        n.remove("_hidden");
        assertEquals("Namespace(name=Bob)", n.toString());
        assertFalse(n.contains("job"));
        assertTrue(n.contains("name"));
        assertThrows(NoSuchElementException.class, () -> n.get("job"));
        assertThrows(NoSuchElementException.class, () -> n.remove("job"));
        n.set("x", 1);
        Integer x = n.get("x");
        assertEquals(1, x);
        assertEquals(Map.of("name", "Bob", "x", 1), n.toMap());
    }

    @Test
    void valueAndChildren() {
        ValueProxy<Double> v = manager.value(1.5);
        double d = v.get();
        assertEquals(1.5, d);
        Namespace ns = manager.namespace();
        join(new Process(() -> { v.set(v.get() + 1); ns.set("child", "was here"); }));
        assertEquals(2.5, v.get());
        assertEquals("was here", ns.<String>get("child"));
        assertEquals("ValueProxy(2.5)", v.toString());
    }

    /** Seed program 36: the child fills the manager's dict; the parent prints it. */
    @Test
    void fruitsDict() {
        Map<String, Double> fruits = manager.dict();
        join(new Process(() -> {
            fruits.put("Apple", 0.70);
            fruits.put("Orange", 1.20);
        }));
        assertEquals(0.70, fruits.get("Apple"));
        assertEquals(1.20, fruits.get("Orange"));
        assertEquals("{Apple=0.7, Orange=1.2}", fruits.toString());
    }

    @Test
    void proxiesPassedToChildrenAndBackStayShared() {
        List<Map<String, Integer>> list = manager.list();
        Manager m = manager; // a manager handle travels too: in the child it is a client of the same server
        join(new Process(() -> {
            Map<String, Integer> made = m.dict();
            made.put("from", 1);
            list.add(made);
        }));
        Map<String, Integer> got = list.get(0);
        got.put("parent", 2);
        assertEquals(Map.of("from", 1, "parent", 2), list.get(0));
    }

    @Test
    void shareAndLookup() {
        Map<String, Double> scores = manager.dict();
        scores.put("a", 1.0);
        manager.share("scores", scores);
        Map<String, Double> same = manager.lookup("scores");
        same.put("b", 2.0);
        assertEquals(Map.of("a", 1.0, "b", 2.0), scores);
        assertEquals(scores, same);
        assertThrows(NoSuchElementException.class, () -> manager.lookup("nobody"));
        manager.share("plain", new LinkedHashMap<>(Map.of("k", "v")));
        Map<String, String> plain = manager.lookup("plain");
        plain.put("k2", "v2");
        assertEquals(Map.of("k", "v", "k2", "v2"), manager.lookup("plain"));
    }

    @Test
    void unserializableArgumentFailsAtTheCallAndTheProxyGoesOn() {
        Map<String, Object> d = manager.dict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.put("t", new Thread()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        d.put("ok", 1);
        assertEquals(Map.of("ok", 1), d);
    }

    @Test
    void threadsShareAManager() throws Exception {
        Map<Integer, Integer> d = manager.dict();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(Thread.ofPlatform().start(() -> { for (int i = 0; i < 200; i++) d.put(base + i, i); }));
        }
        for (Thread t : threads) t.join();
        assertEquals(800, d.size());
    }
}
