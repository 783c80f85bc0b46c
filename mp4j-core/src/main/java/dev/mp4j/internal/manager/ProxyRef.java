package dev.mp4j.internal.manager;

import java.io.Serial;
import java.io.Serializable;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * What every manager proxy carries across processes: which server ({@code serverId}, a random number the
 * server picks at start-up, plus the address and key to reach it) and which object there. A proxy that
 * travels (to a child, or into another managed container) is this reference and nothing else, so wherever it
 * lands it refers to the same object.
 *
 * <p>Serializing or deserializing a reference inside a running server tells the server about it
 * ({@link Hooks}): a reference sent to a client makes that client's session a holder of the object, and one
 * arriving inside a request (a dict stored in a list) pins the object for the server's lifetime.
 */
public record ProxyRef(long serverId, SocketAddress address, byte[] authkey, long objectId) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private Object writeReplace() {
        Hooks.written(this);
        return this;
    }

    @Serial
    private Object readResolve() {
        Hooks.read(this);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyRef r && r.serverId == serverId && r.objectId == objectId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverId, objectId);
    }

    @Override
    public String toString() {
        return "ProxyRef(" + address + ", id=" + objectId + ")";
    }

    /**
     * Thread-local observers of reference (de)serialization, set only while a server thread encodes a reply
     * or decodes a request.
     */
    static final class Hooks {
        interface Observer {
            void written(ProxyRef ref);
            void read(ProxyRef ref);
        }

        private static final ThreadLocal<Observer> CURRENT = new ThreadLocal<>();

        private Hooks() {}

        static void set(Observer o) { CURRENT.set(o); }
        static void clear() { CURRENT.remove(); }

        static void written(ProxyRef ref) {
            Observer o = CURRENT.get();
            if (o != null) o.written(ref);
        }

        static void read(ProxyRef ref) {
            Observer o = CURRENT.get();
            if (o != null) o.read(ref);
        }
    }
}
