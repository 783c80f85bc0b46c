package dev.mp4j.internal.pool;

/**
 * One message's worth of work for a worker: a callable (apply, submit) or a chunk of map items. The payload is
 * encoded in the caller's thread, so an unserializable argument fails at the call and nothing is sent.
 *
 * @param index chunk number within its job (0 for a callable)
 * @param start position of the chunk's first item in the input
 * @param count items in the chunk (1 for a callable)
 * @param packed whether the payload is a packed chunk ({@link Chunks}) rather than the codec's
 */
record Task(Job job, long id, int index, long start, int count, byte[] payload, boolean packed) {
    /** An encoded payload and its form. */
    record Payload(byte[] bytes, boolean packed) {}
}
