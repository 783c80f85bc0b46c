package dev.mp4j.internal.manager;

import dev.mp4j.SerializableSupplier;

import java.io.Serial;
import java.io.Serializable;

/** A registered type: the interface its proxies implement and the factory the server calls for each {@code create}. */
public record Registration(Class<?> type, SerializableSupplier<?> factory) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public Registration {
        if (!type.isInterface()) throw new IllegalArgumentException(type.getName() + " is not an interface");
    }
}
