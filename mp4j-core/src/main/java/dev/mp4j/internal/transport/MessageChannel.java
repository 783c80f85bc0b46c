package dev.mp4j.internal.transport;

import dev.mp4j.internal.codec.Encoded;
import dev.mp4j.internal.codec.Limits;

import java.io.Serializable;

/**
 * What a {@code dev.mp4j.Connection} runs on: an ordered stream of whole messages (boundaries kept, empty
 * ones too) over a socket or a shared-memory pipe. Blocking calls throw
 * {@link java.util.concurrent.CancellationException} on interrupt (flag set again),
 * {@link dev.mp4j.ConnectionClosedException} once the peer is gone and everything it sent was read, and
 * {@link java.io.UncheckedIOException} for network failures. One thread may send while another receives.
 */
public interface MessageChannel {
    /** Sends the whole of {@code message} as one message. */
    void send(Encoded message);

    /** Sends {@code length} bytes of {@code bytes} from {@code offset} as one message; copied before returning. */
    void send(byte[] bytes, int offset, int length);

    /** The next message, exactly its length. */
    byte[] receive();

    /** Whether a message or end-of-stream is ready, waiting up to {@code timeoutNanos} (<= 0: not at all). */
    boolean poll(long timeoutNanos);

    /** Releases this process's hold on the channel; repeatable. */
    void close();

    /** Bounds for decoding what arrives: {@link Limits#NONE} for local peers. */
    Limits limits();

    /** A form that re-attaches in another process, or null if this channel cannot travel (a socket). */
    default Serializable wireForm() { return null; }

    /** Re-attaches in a process that received a {@link #wireForm()}. */
    interface Wire extends Serializable {
        MessageChannel attach();
    }
}
