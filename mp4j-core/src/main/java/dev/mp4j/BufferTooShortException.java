package dev.mp4j;

/**
 * Python's {@code multiprocessing.BufferTooShort}: {@code recvBytesInto} was given a buffer too small for the
 * message. The whole message is kept in {@link #data()}, so nothing is lost.
 */
public class BufferTooShortException extends Mp4jException {
    private static final long serialVersionUID = 1L;
    private final byte[] data;

    public BufferTooShortException(String message, byte[] data) {
        super(message);
        this.data = data;
    }

    /** The whole message that did not fit. */
    public byte[] data() { return data; }
}
