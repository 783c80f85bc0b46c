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
        byte[] fn = withFunction ? t.job().function : null;
        int fnLen = fn == null ? 0 : fn.length;
        boolean call = t.job().function == null;
        int header = call ? 9 : 21 + fnLen;
        byte[] m = new byte[header + t.payload().length];
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        b.put(call ? CALL : t.packed() ? MAP_INTS : MAP).putLong(t.id());
        if (!call) {
            b.putLong(t.job().id).putInt(fnLen);
            if (fnLen > 0) b.put(fn);
        }
        b.put(t.payload());
        return m;
    }

    static byte[] batch(java.util.List<byte[]> tasks) {
        int size = 5;
        for (byte[] t : tasks) size += 4 + t.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BATCH).putInt(tasks.size());
        for (byte[] t : tasks) b.putInt(t.length).put(t);
        return b.array();
    }

    static final byte[] STOP_MESSAGE = {STOP};
    static final byte[] DIED_MESSAGE = {DIED};
}
