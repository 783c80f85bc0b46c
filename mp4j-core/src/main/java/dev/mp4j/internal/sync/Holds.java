package dev.mp4j.internal.sync;

import dev.mp4j.Lock;

/** Makes {@link Lock.Held} handles whose close() runs its release once, however often it is called. */
public final class Holds {
    private Holds() {}

    public static Lock.Held of(Runnable release) {
        return new Lock.Held() {
            private boolean closed;

            @Override
            public void close() {
                // A Held belongs to the thread that took it; a plain flag suffices.
                if (closed) return;
                closed = true;
                release.run();
            }
        };
    }
}
