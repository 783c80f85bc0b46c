package dev.mp4j.internal.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WARM start: one standby JVM per distinct list of JVM options, launched ahead of need, started and warmed
 * up, waiting for its bootstrap. Taking it costs one message; a replacement is launched in the background.
 */
public final class Standby {
    private Standby() {}

    private static final Map<List<String>, Child> READY = new ConcurrentHashMap<>(); // launched, maybe not yet warm
    private static volatile boolean retired;
    private static final long REPLACEMENT_DELAY_MS = 100;
    private static volatile int cleared; // clear() calls so far
    private static final Map<List<String>, Child> LATEST = new ConcurrentHashMap<>(); // the last start's child

    /**
     * Guards launching against {@link #clear} and {@link #retireAll}: a launch that had passed its checks when one
     * of them ran would otherwise put a new standby in place after they killed the others, to outlive them.
     */
    private static final Object LAUNCHING = new Object();

    /** Makes sure a standby for these options exists or is on its way. */
    public static void prepare(List<String> jvmOptions) {
        synchronized (LAUNCHING) {
            if (retired) return;
            READY.compute(jvmOptions, (k, current) -> current != null && current.isAlive() ? current : launch(k));
        }
    }

    /**
     * Starts {@code bootstrap} in the standby for these options, and launches the next one once that has ended or
     * had a head start. A standby still booting takes the work too (it then skips its warm-up): it is ahead of a
     * fresh JVM, and a fresh JVM booting beside it would slow both down.
     */
    static Child start(List<String> jvmOptions, byte[] bootstrap, boolean lean) {
        Child standby = READY.get(jvmOptions);
        if (standby != null && standby.isAlive() && READY.remove(jvmOptions, standby)) {
            if (standby.assign(bootstrap)) return replaceAfter(standby, jvmOptions);
            standby.kill();
        }
        return replaceAfter(Child.launch(jvmOptions, bootstrap, lean), jvmOptions);
    }

    /**
     * Launches the next standby once {@code taken} has ended or had {@value #REPLACEMENT_DELAY_MS} ms to itself: a
     * JVM booting beside it takes the cores its program and exit need (on 2 cores, start+join took twice as long).
     * Only the latest start's replacement is launched: starts back to back then never have two JVMs booting at once.
     */
    private static Child replaceAfter(Child taken, List<String> jvmOptions) {
        int generation = cleared;
        LATEST.put(jvmOptions, taken);
        Thread.ofVirtual().start(() -> {
            try {
                taken.exit().get(REPLACEMENT_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // still running: launch the replacement now
            } catch (InterruptedException e) {
                return;
            }
            // not after a clear() meanwhile, nor once a later start has taken over the replacing
            synchronized (LAUNCHING) {
                if (cleared == generation && LATEST.remove(jvmOptions, taken)) prepare(jvmOptions);
            }
        });
        return taken;
    }

    /** Ends the standbys now (tests use it to leave no process behind); later WARM starts launch new ones. */
    public static void clear() {
        synchronized (LAUNCHING) {
            cleared++;
            LATEST.clear();
            READY.values().forEach(Child::kill);
            READY.clear();
        }
    }

    /** Ends every standby: this JVM is shutting down. */
    static void retireAll() {
        synchronized (LAUNCHING) {
            retired = true;
            READY.values().forEach(Child::kill);
            READY.clear();
        }
    }

    private static Child launch(List<String> jvmOptions) {
        try {
            return Child.launch(jvmOptions, null, false);
        } catch (RuntimeException e) {
            return null; // no standby: starts fall back to SPAWN and report launch errors themselves
        }
    }
}
