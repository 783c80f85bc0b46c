package dev.mp4j.internal.codec;

import dev.mp4j.Mp4jException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Java serialization: the default {@link Serializer}, used for everything the fast paths do not cover. */
public final class JavaSerializer implements Serializer {
    @Override
    public void write(Object value, OutputStream out) {
        try {
            var oos = new ObjectOutputStream(out);
            oos.writeObject(value);
            oos.flush(); // not close(): the caller owns the stream
        } catch (NotSerializableException e) {
            throw Codec.notSerializable(value, e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + Codec.describe(value) + ": " + e, e);
        }
    }

    @Override
    public Object read(InputStream in, Limits limits) {
        try {
            var ois = new LoaderAwareInput(in);
            if (limits.bounded()) ois.setObjectInputFilter(filter(limits, in.available()));
            return ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new Mp4jException("cannot deserialize: class " + e.getMessage()
                + " is not on this JVM's class path", e);
        } catch (InvalidClassException e) {
            throw new Mp4jException("cannot deserialize: " + e.getMessage(), e);
        } catch (IOException e) {
            if (limits.bounded()) throw new Mp4jException("not a valid message: " + e, e);
            throw new UncheckedIOException("cannot deserialize: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's own limit checks, an allocation budget for arrays, plus whatever process-wide filter the user
     * configured. {@code streamBytes}: the length of the message (0 if unknown).
     */
    private static ObjectInputFilter filter(Limits limits, int streamBytes) {
        ObjectInputFilter ours = ObjectInputFilter.Config.createFilter("maxdepth=" + limits.maxDepth()
            + ";maxarray=" + limits.maxArrayLength() + ";maxbytes=" + limits.maxBytes()
            + ";maxrefs=" + limits.maxRefs());
        long bytes = streamBytes > 0 ? streamBytes : limits.maxBytes();
        ours = ObjectInputFilter.merge(new ArrayBudget(ARRAY_BYTES_PER_STREAM_BYTE * bytes + ARRAY_BYTES_SLACK), ours);
        ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
        return global == null ? ours : ObjectInputFilter.merge(ours, global);
    }

    static final long ARRAY_BYTES_PER_STREAM_BYTE = 8, ARRAY_BYTES_SLACK = 1 << 20;

    /**
     * Rejects a stream once the arrays it makes the JVM allocate add up to more than its budget. The JDK allocates
     * an array as soon as it reads its length, before the elements; nested arrays each claiming {@code maxarray}
     * elements took 3 GB for a 600-byte message (found while looking into the fuzzing JVM's memory use). Every
     * element of a real array costs at least one byte of the stream (a primitive its width, a reference or null at
     * least one), and a collection's table (a HashMap's, checked as an array) at most a few slots per entry, so a
     * genuine message never needs more than {@value #ARRAY_BYTES_PER_STREAM_BYTE} bytes of arrays per byte
     * received, plus a little slack.
     */
    private static final class ArrayBudget implements ObjectInputFilter {
        private long left;

        ArrayBudget(long budget) { this.left = budget; }

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> c = info.serialClass();
            if (c == null || !c.isArray() || info.arrayLength() < 0) return Status.UNDECIDED;
            Class<?> e = c.getComponentType();
            long width = e == byte.class || e == boolean.class ? 1 : e == short.class || e == char.class ? 2
                : e == int.class || e == float.class ? 4 : 8;
            left -= width * info.arrayLength();
            return left < 0 ? Status.REJECTED : Status.UNDECIDED;
        }
    }

    /** Falls back to the thread's context class loader, which containers and test runners set. */
    private static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException { super(in); }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return super.resolveClass(desc);
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) throw e;
                return Class.forName(desc.getName(), false, context);
            }
        }
    }
}
