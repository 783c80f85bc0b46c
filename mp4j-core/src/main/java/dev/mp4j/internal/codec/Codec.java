package dev.mp4j.internal.codec;

import dev.mp4j.Mp4jException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one codec for everything that crosses a process boundary (targets, arguments, results, items).
 * Java serialization underneath; a value that cannot be serialized fails here, in the caller's thread,
 * with an {@link IllegalArgumentException} that names the class and the field path that leads to it.
 */
public final class Codec {
    private Codec() {}

    /** Serializes {@code value} to a fresh array. */
    public static byte[] encode(Object value) {
        var bytes = new ByteArrayOutputStream(256);
        encode(value, bytes);
        return bytes.toByteArray();
    }

    /** Serializes {@code value} onto {@code out}; nothing useful is written if it throws. */
    public static void encode(Object value, OutputStream out) {
        try (var oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        } catch (NotSerializableException e) {
            throw notSerializable(value, e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + describe(value) + ": " + e, e);
        }
    }

    /** Reads back one value written by {@link #encode}. */
    public static Object decode(byte[] bytes) {
        return decode(new ByteArrayInputStream(bytes));
    }

    /** Reads back one value written by {@link #encode} from {@code in}. */
    public static Object decode(InputStream in) {
        try (var ois = new LoaderAwareInput(in)) {
            return ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new Mp4jException("cannot deserialize: class " + e.getMessage()
                + " is not on this JVM's class path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize: " + e.getMessage(), e);
        }
    }

    static IllegalArgumentException notSerializable(Object root, String badClass, Throwable cause) {
        String path = FieldPaths.find(root, badClass);
        String where = path == null ? "" : " (reached through " + path + ")";
        return new IllegalArgumentException("not serializable: " + badClass + where
            + "; everything sent to another process must implement java.io.Serializable", cause);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
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
