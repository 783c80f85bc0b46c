package dev.mp4j.internal.pool;

import dev.mp4j.internal.codec.Lambdas;
import dev.mp4j.internal.codec.Portable;

import dev.mp4j.Connection;
import dev.mp4j.ConnectionClosedException;
import dev.mp4j.RemoteException;
import dev.mp4j.SerializableFunction;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Limits;
import dev.mp4j.internal.shm.Segment;

import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A pool worker's life in its child JVM (Python's {@code multiprocessing.pool.worker}): run the initializer, then
 * answer tasks in order until STOP, the end of the pipe, or {@code maxTasks} tasks.
 */
record WorkerMain(Connection<Object> pipe, Segment board, SerializableRunnable initializer, int maxTasks)
        implements SerializableRunnable, Portable {
    @Serial private static final long serialVersionUID = 1L;

    // Travels in the codec's own form: a worker's JVM then never starts Java serialization (20-30 ms of its start)
    static {
        Portable.register(Portable.POOL_WORKER, new Portable.Reader() {
            @SuppressWarnings("unchecked")
            @Override public Object read(Object[] f) {
                return new WorkerMain((Connection<Object>) f[0], (Segment) f[1], (SerializableRunnable) f[2], (Integer) f[3]);
            }
        });
    }

    @Override public int portableKind() { return Portable.POOL_WORKER; }

    @Override public Object[] portableFields() { return new Object[] {pipe, board, initializer, maxTasks}; }

    @Override
    public void run() throws Exception {
        if (initializer != null) initializer.run();
        var state = new State();
        while (maxTasks <= 0 || state.done < maxTasks) {
            byte[] m;
            try {
                m = pipe.recvBytes();
            } catch (ConnectionClosedException e) {
                return; // the pool is gone
            }
            ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
            if (m[0] == Wire.BATCH) {
                b.get();
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    int len = b.getInt();
                    runTask(state, b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN));
                    b.position(b.position() + len);
                }
            } else if (m[0] == Wire.STOP) {
                return;
            } else {
                runTask(state, b);
            }
        }
    }

    /** What a worker remembers between tasks: the current map function, and how many tasks it has run. */
    static final class State {
        Object fn;
        Throwable fnError;
        int done;
    }

    private void runTask(State state, ByteBuffer b) {
        byte[] reply = execute(state, b, id -> Slot.started(board, id), true);
        if (reply == null) return;
        pipe.sendBytes(reply);
        state.done++;
    }

    /**
     * Runs one task message (from its kind byte on) and returns the result message, in the format the pool reads:
     * what a local worker sends back, and what a remote one ({@link RemoteTasks}) returns. {@code onStart} gets the
     * task's id just before it runs. Null only if {@code haltOnOom} and the task ran out of memory (never returns).
     */
    static byte[] execute(State state, ByteBuffer b, java.util.function.LongConsumer onStart, boolean haltOnOom) {
        byte kind = b.get();
        long id = b.getLong();
        onStart.accept(id);
        long t0 = System.nanoTime();
        Object result;
        boolean ok = false, chunk = kind != Wire.CALL;
        try {
            if (kind == Wire.CALL) {
                result = ((Callable<?>) Lambdas.decode(b.slice())).call();
            } else {
                b.getLong(); // job id: the function that came with its first chunk applies until the next one
                int fnLen = b.getInt();
                if (fnLen > 0) {
                    try {
                        state.fn = Lambdas.decode(b.slice(b.position(), fnLen));
                        state.fnError = null;
                    } catch (Throwable e) {
                        state.fn = null;
                        state.fnError = e;
                    }
                    b.position(b.position() + fnLen);
                }
                if (state.fnError != null) throw state.fnError;
                result = kind == Wire.MAP_INTS ? applyInts(state.fn, Chunks.unpackInts(b))
                    : applyAll(state.fn, (List<?>) Codec.decode(b.slice(), Limits.NONE));
            }
            ok = true;
        } catch (OutOfMemoryError e) {
            if (!haltOnOom) {
                result = new IllegalStateException("a pool task ran out of memory: " + e, null);
            } else {
                // what -XX:+ExitOnOutOfMemoryError does: the heap may be in no state to go on
                System.err.println("mp4j pool worker " + ProcessHandle.current().pid() + ": " + e + "; exiting");
                Runtime.getRuntime().halt(3);
                return null;
            }
        } catch (Throwable e) {
            result = e;
        }
        return reply(ok, id, System.nanoTime() - t0, result, chunk);
    }

    @SuppressWarnings("unchecked")
    private static Object[] applyAll(Object fn, List<?> items) throws Exception {
        var f = (SerializableFunction<Object, Object>) fn;
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.apply(items.get(i));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object[] applyInts(Object fn, int[] items) throws Exception {
        var f = (SerializableFunction<Object, Object>) fn;
        Object[] out = new Object[items.length];
        for (int i = 0; i < out.length; i++) out[i] = f.apply(items[i]);
        return out;
    }

    private static byte[] reply(boolean ok, long id, long nanos, Object value, boolean chunk) {
        if (ok && chunk) { // a chunk's results: packed ints, or else the codec's list
            Object[] values = (Object[]) value;
            byte[] packed = Chunks.packInts(values, 0, values.length, Wire.RESULT_HEADER);
            if (packed != null && packed.length <= Jobs.MAX_PAYLOAD) {
                ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).put(Wire.OK_INTS).putLong(id).putLong(nanos);
                return packed;
            }
            value = Chunks.list(values, 0, values.length);
        }
        Encoded out = Codec.scratch();
        try {
            header(out, ok ? Wire.OK : Wire.ERR, id, nanos);
            Codec.encode(value, out);
        } catch (IllegalArgumentException notSerializable) {
            // the result (or the exception) cannot travel: the task fails with that, and the worker goes on
            out.reset();
            header(out, Wire.ERR, id, nanos);
            Object err = ok ? new IllegalArgumentException("result of a pool task: " + notSerializable.getMessage(), null)
                : substitute((Throwable) value);
            Codec.encode(err, out);
        }
        byte[] message = out.toByteArray();
        if (message.length > Jobs.MAX_PAYLOAD) {
            out.reset();
            header(out, Wire.ERR, id, nanos);
            Codec.encode(new IllegalArgumentException("the result of a pool task is " + message.length
                + " bytes, over the limit of " + Jobs.MAX_PAYLOAD + " bytes"), out);
            message = out.toByteArray();
        }
        return message;
    }

    /** Stands in for an exception that cannot be serialized: its class, message and stack trace, as text. */
    private static Throwable substitute(Throwable t) {
        var r = new RemoteException(t.toString() + " (not serializable, sent as text)", null);
        r.setStackTrace(t.getStackTrace());
        return r;
    }

    private static void header(Encoded out, byte kind, long id, long nanos) {
        byte[] h = new byte[Wire.RESULT_HEADER];
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).put(kind).putLong(id).putLong(nanos);
        out.write(h, 0, h.length);
    }
}
