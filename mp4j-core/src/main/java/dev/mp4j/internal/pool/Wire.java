package dev.mp4j.internal.pool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The pool's messages on a worker's pipe (little-endian).
 * To the worker: {@code CALL id payload} | {@code MAP|MAP_INTS id jobId fnLength fn payload} (fn only the first
 * time this worker sees the job; MAP_INTS: the chunk is packed, see {@link Chunks}) | {@code STOP} |
 * {@code BATCH n (length task)*} (several tasks in one message: half the ring traffic for tiny tasks; results still
 * come back one by one, so a death is charged exactly). From the worker: {@code OK|OK_INTS|ERR id execNanos payload}
 * (OK_INTS: a map chunk's results, packed), and {@code DIED},
 * which the parent itself writes into the worker's direction once the worker process has ended, so the death
 * arrives after every result the worker managed to send.
 */
final class Wire {
    private Wire() {}

    static final byte CALL = 1, MAP = 2, STOP = 3, BATCH = 4, MAP_INTS = 5;
    static final byte OK = 11, ERR = 12, DIED = 13, OK_INTS = 14;
    static final int RESULT_HEADER = 17;

    static byte[] task(Task t, boolean withFunction) {
        ByteBuffer b = ByteBuffer.allocate(length(t, withFunction)).order(ByteOrder.LITTLE_ENDIAN);
        put(b, t, withFunction);
        return b.array();
    }

    /**
     * The tasks as one message: the task itself if there is one, else a BATCH, written straight into one array
     * (a chunk's payload is copied once here, not once per task and again per batch).
     */
    static byte[] tasks(java.util.List<Task> tasks, boolean[] withFunction) {
        if (tasks.size() == 1) return task(tasks.getFirst(), withFunction[0]);
        int size = 5;
        for (int i = 0; i < tasks.size(); i++) size += 4 + length(tasks.get(i), withFunction[i]);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BATCH).putInt(tasks.size());
        for (int i = 0; i < tasks.size(); i++) put(b.putInt(length(tasks.get(i), withFunction[i])), tasks.get(i), withFunction[i]);
        return b.array();
    }

    private static int length(Task t, boolean withFunction) {
        boolean call = t.job().function == null;
        return (call ? 9 : 21 + (withFunction ? t.job().function.length : 0)) + t.payload().length;
    }

    private static void put(ByteBuffer b, Task t, boolean withFunction) {
        boolean call = t.job().function == null;
        b.put(call ? CALL : t.packed() ? MAP_INTS : MAP).putLong(t.id());
        if (!call) {
            byte[] fn = withFunction ? t.job().function : null;
            b.putLong(t.job().id).putInt(fn == null ? 0 : fn.length);
            if (fn != null) b.put(fn);
        }
        b.put(t.payload());
    }

    static final byte[] STOP_MESSAGE = {STOP};
    static final byte[] DIED_MESSAGE = {DIED};
}
