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
            if (limits.bounded()) ois.setObjectInputFilter(filter(limits));
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

    /** The JDK's own limit checks, plus whatever process-wide filter the user configured. */
    private static ObjectInputFilter filter(Limits limits) {
        ObjectInputFilter ours = ObjectInputFilter.Config.createFilter("maxdepth=" + limits.maxDepth()
            + ";maxarray=" + limits.maxArrayLength() + ";maxbytes=" + limits.maxBytes()
            + ";maxrefs=" + limits.maxRefs());
        ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
        return global == null ? ours : ObjectInputFilter.merge(ours, global);
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
