package dev.mp4j.internal.codec;

/**
 * Bounds applied when decoding bytes that came from a network peer (after authentication): nesting depth,
 * array/collection length, total message bytes and object references. Local transports (shared memory
 * between processes of one program) decode with {@link #NONE}.
 *
 * <p>Defaults, each overridable by a system property: depth 100 ({@code mp4j.net.maxDepth}), array or
 * collection length 16,777,216 ({@code mp4j.net.maxArrayLength}), message size 64 MiB
 * ({@code mp4j.net.maxMessageBytes}), object references 1,000,000 ({@code mp4j.net.maxRefs}).
 */
public record Limits(int maxDepth, int maxArrayLength, long maxBytes, long maxRefs) {
    /** No bounds: for trusted local peers. */
    public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public Limits {
        if (maxDepth <= 0 || maxArrayLength < 0 || maxBytes <= 0 || maxRefs <= 0)
            throw new IllegalArgumentException("limits must be positive");
    }

    /** The network defaults, read from the system properties at each call so tests and users can tune them. */
    public static Limits network() {
        return new Limits(
            Integer.getInteger("mp4j.net.maxDepth", 100),
            Integer.getInteger("mp4j.net.maxArrayLength", 1 << 24),
            Long.getLong("mp4j.net.maxMessageBytes", 64L << 20),
            Long.getLong("mp4j.net.maxRefs", 1_000_000L));
    }

    boolean bounded() { return this != NONE; }
}
