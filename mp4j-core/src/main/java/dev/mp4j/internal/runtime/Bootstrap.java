package dev.mp4j.internal.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a child receives first: who its parent is, and its own serialized Process, kept as bytes so the child
 * knows its place in the process tree before any user class (or handle inside one) is deserialized. Written
 * with plain data streams: object serialization of the envelope would cost a cold child milliseconds.
 */
public record Bootstrap(String parentName, long parentPid, byte[] process) {

    public byte[] encode() {
        var bytes = new ByteArrayOutputStream(process.length + 64);
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(parentName);
            out.writeLong(parentPid);
            out.writeInt(process.length);
            out.write(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }

    static Bootstrap decode(byte[] frame) {
        try (var in = new DataInputStream(new ByteArrayInputStream(frame))) {
            String name = in.readUTF();
            long pid = in.readLong();
            byte[] process = new byte[in.readInt()];
            in.readFully(process);
            return new Bootstrap(name, pid, process);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed bootstrap frame", e);
        }
    }
}
