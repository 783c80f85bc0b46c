package dev.mp4j.reliability;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deserialization gadget stand-in: its readObject has a side effect (a counter here, a marker file for a server
 * in another JVM). Deserializing one from a peer before authentication, or when the process's serial filter
 * forbids the class, is exactly what must never happen.
 */
public final class Gadget implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    static final AtomicInteger RAN = new AtomicInteger();
    private final String marker;

    Gadget(String marker) {
        this.marker = marker;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        RAN.incrementAndGet();
        if (marker != null) Files.writeString(Path.of(marker), "gadget ran in pid " + ProcessHandle.current().pid());
    }
}
