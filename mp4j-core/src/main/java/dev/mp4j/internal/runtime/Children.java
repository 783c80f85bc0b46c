package dev.mp4j.internal.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * This JVM's live children, and the exit rules Python applies to them: while a non-daemon child runs, a
 * non-daemon thread keeps the JVM alive, so returning from {@code main} joins it; once {@code main} has returned
 * daemon children are terminated; when the JVM shuts down (System.exit, a signal) every child still running is
 * terminated. Children never outlive this JVM in any case: they also end when their control connection closes.
 */
public final class Children {
    private Children() {}

    private static final Set<Child> LIVE = new LinkedHashSet<>();
    private static Thread keeper;
    private static boolean hookInstalled;

    static synchronized void installExitHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Children::terminateAll, "mp4j-children-exit"));
        }
    }

    static synchronized void add(Child child) {
        LIVE.add(child);
        installExitHook();
        if (!child.daemon() && (keeper == null || !keeper.isAlive())) {
            keeper = new Thread(Children::keepAlive, "mp4j-keep-alive");
            keeper.setDaemon(false);
            keeper.start();
        }
    }

    static synchronized void remove(Child child) {
        LIVE.remove(child);
        Children.class.notifyAll();
    }

    /** Owners (the public Process objects) of the children that are running now, oldest first. */
    public static synchronized List<Object> activeOwners() {
        var owners = new ArrayList<>(LIVE.size());
        for (Child c : LIVE) owners.add(c.owner());
        return owners;
    }

    /** Joins non-daemon children and terminates daemon ones: what a process does when its main work is over. */
    public static void finish() {
        for (Child c : snapshot()) if (c.daemon()) c.terminate();
        for (Child c : snapshot()) if (!c.daemon()) c.exit().join();
    }

    private static synchronized List<Child> snapshot() {
        return new ArrayList<>(LIVE);
    }

    private static void keepAlive() {
        try {
            Thread main = findMainThread(); // found here, not at class load: a stack snapshot is not free
            if (main != null) {
                main.join();
                for (Child c : snapshot()) if (c.daemon()) c.terminate();
            } // no main thread (an embedded JVM): daemon children end with the JVM, through the exit hook
            synchronized (Children.class) {
                while (LIVE.stream().anyMatch(c -> !c.daemon())) Children.class.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void terminateAll() {
        Standby.retireAll();
        AotCache.abandon();
        for (Child c : snapshot()) c.terminate();
    }

    private static Thread findMainThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("main") && !t.isDaemon()) return t; // its id is not 1 on JDK 25
        }
        return null;
    }
}
