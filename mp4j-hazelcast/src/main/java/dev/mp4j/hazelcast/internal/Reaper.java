package dev.mp4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the clients mp4j makes from keeping the JVM alive (Hazelcast's threads are not daemons): once the main
 * thread has ended and no other non-daemon thread of the program is left, it shuts them down, so the JVM exits as
 * it would without them (a child process's {@code run()} returning, or {@code main} returning).
 */
final class Reaper {
    private Reaper() {}

    private static final List<HazelcastInstance> CLIENTS = new CopyOnWriteArrayList<>();
    private static Thread thread;

    static synchronized void watch(HazelcastInstance hz) {
        CLIENTS.add(hz);
        if (thread != null) return;
        Thread main = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("main") && !t.isDaemon())
            .findFirst().orElse(null);
        if (main == null) return;
        thread = Thread.ofPlatform().daemon().name("mp4j-hazelcast-reaper").start(() -> reap(main));
    }

    private static void reap(Thread main) {
        try {
            main.join();
            while (programThreadsLeft()) Thread.sleep(100);
        } catch (InterruptedException e) {
            return;
        }
        for (HazelcastInstance hz : CLIENTS) {
            try {
                hz.shutdown();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    private static boolean programThreadsLeft() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && !t.getName().startsWith("hz.") && !t.getName().equals("DestroyJavaVM")) return true;
        }
        return false;
    }
}
