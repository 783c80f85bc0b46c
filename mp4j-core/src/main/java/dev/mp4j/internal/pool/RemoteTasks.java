package dev.mp4j.internal.pool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a pool task that travelled to another JVM (a cluster member) with the same code a local pool worker uses:
 * decode the function and the chunk, apply, encode the result or the exception. The task message always carries
 * its function, as a remote JVM keeps no state between tasks.
 */
public final class RemoteTasks {
    private RemoteTasks() {}

    /** Runs one task message and returns its result message (never throws for a failing task: that is in the message). */
    public static byte[] run(byte[] task) {
        ByteBuffer b = ByteBuffer.wrap(task).order(ByteOrder.LITTLE_ENDIAN);
        return WorkerMain.execute(new WorkerMain.State(), b, id -> { }, false);
    }
}
