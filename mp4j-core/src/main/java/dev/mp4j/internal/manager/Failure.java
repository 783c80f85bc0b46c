package dev.mp4j.internal.manager;

import java.io.Serial;
import java.io.Serializable;

/** A reply saying the call threw {@code error} on the server (with the server's stack trace). */
record Failure(Throwable error) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
}
