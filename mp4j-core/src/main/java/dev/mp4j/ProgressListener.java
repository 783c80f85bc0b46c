package dev.mp4j;

/**
 * Told how far a {@link Pool#map}, {@link Pool#imap} or {@link Pool#imapUnordered} has come, to draw a progress
 * bar (Python users reach for {@code tqdm(pool.imap(...), total=n)}). Runs in the parent after each chunk, in the
 * thread that read the chunk's result: a pool thread, or a thread waiting in {@link Pool#apply} for a result from the
 * same worker, which reads the results ahead of its own. Keep it short.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param done  items whose results have arrived (failed ones included)
     * @param total items in the input, or -1 while a lazily consumed input is not yet exhausted
     */
    void progress(long done, long total);
}
