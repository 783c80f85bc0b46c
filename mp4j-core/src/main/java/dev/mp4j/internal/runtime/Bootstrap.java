package dev.mp4j.internal.runtime;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a child receives first: who its parent is, and its own serialized Process, kept as bytes so the child
 * knows its place in the process tree before any user class (or handle inside one) is deserialized. Written
 * with a plain ByteBuffer: object serialization of the envelope would cost a cold child milliseconds, and even
 * DataInputStream's number reads set up six VarHandles first (~0.5 ms).
 */
public record Bootstrap(String parentName, long parentPid, byte[] process) {

    public byte[] encode() {
        byte[] name = parentName.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + name.length + 8 + 4 + process.length)
            .putInt(name.length).put(name).putLong(parentPid).putInt(process.length).put(process).array();
    }

    static Bootstrap decode(byte[] frame) {
        try {
            var in = ByteBuffer.wrap(frame);
            byte[] name = new byte[in.getInt()];
            in.get(name);
            long pid = in.getLong();
            byte[] process = new byte[in.getInt()];
            in.get(process);
            return new Bootstrap(new String(name, StandardCharsets.UTF_8), pid, process);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("malformed bootstrap frame", e);
        }
    }
}
