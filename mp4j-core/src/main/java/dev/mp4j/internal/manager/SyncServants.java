package dev.mp4j.internal.manager;

import dev.mp4j.internal.backend.Backends;

/**
 * The manager's queues and locks. Their proxies are the public classes themselves ({@code dev.mp4j.Lock},
 * ...) built around a backend through package-private constructors, which {@code dev.mp4j.Manager} makes
 * reachable from here by installing a {@link Factory} when it is initialized.
 */
public final class SyncServants {
    private SyncServants() {}

    /** Implemented by {@code dev.mp4j.Manager}. */
    public interface Factory {
        Object lock(Backends.OfLock backend);
        Object rlock(Backends.OfLock backend);
        Object queue(Backends.OfQueue backend);
        Object joinableQueue(Backends.OfQueue backend);
        Object semaphore(boolean bounded, Backends.OfSemaphore backend);
        Object condition(Backends.OfCondition backend);
        Object event(Backends.OfEvent backend);
        Object barrier(Backends.OfBarrier backend);
        boolean isProxy(Object o);
    }

    private static volatile Factory factory;

    public static void install(Factory f) { factory = f; }

    private static Factory factory() {
        if (factory == null) {
            try {
                Class.forName("dev.mp4j.Manager", true, SyncServants.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return factory;
    }

    static Servant create(String kind, Object[] args) {
        return switch (kind) {
            case "lock" -> new LockServant(false);
            case "rlock" -> new LockServant(true);
            case "queue" -> new QueueServant((Integer) args[1], false);
            case "joinableQueue" -> new QueueServant((Integer) args[1], true);
            case "semaphore" -> new SemaphoreServant((Integer) args[1], false);
            case "boundedSemaphore" -> new SemaphoreServant((Integer) args[1], true);
            case "condition" -> new ConditionServant();
            case "event" -> new EventServant();
            case "barrier" -> new BarrierServant((Integer) args[1]);
            default -> null;
        };
    }

    static Object lock(boolean reentrant, Backends.OfLock backend) {
        return reentrant ? factory().rlock(backend) : factory().lock(backend);
    }

    static Object queue(Backends.OfQueue backend) { return factory().queue(backend); }

    static Object joinableQueue(Backends.OfQueue backend) { return factory().joinableQueue(backend); }

    static Object semaphore(boolean bounded, Backends.OfSemaphore backend) { return factory().semaphore(bounded, backend); }

    static Object condition(Backends.OfCondition backend) { return factory().condition(backend); }

    static Object event(Backends.OfEvent backend) { return factory().event(backend); }

    static Object barrier(Backends.OfBarrier backend) { return factory().barrier(backend); }

    static boolean isProxy(Object o) { return factory().isProxy(o); }
}
