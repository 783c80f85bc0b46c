package dev.mp4j.internal.codec;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The pluggable part of the {@link Codec}: how values outside the fast paths (records, lambdas, exceptions,
 * any other {@code Serializable}) are turned into bytes. The default is {@link JavaSerializer}; another can be
 * chosen with the system property {@code mp4j.serializer} (a class name with a public no-arg constructor),
 * which every process of a program must agree on.
 */
public interface Serializer {
    /**
     * Writes {@code value}. A value that cannot be serialized must throw {@link IllegalArgumentException}
     * naming its class; nothing else is required of what was written then.
     */
    void write(Object value, OutputStream out);

    /** Reads back one value written by {@link #write}, honouring {@code limits}; bad input throws an unchecked exception. */
    Object read(InputStream in, Limits limits);
}
