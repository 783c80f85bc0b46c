package dev.mp4j.internal.manager;

import java.io.Serial;
import java.io.Serializable;

/**
 * The travelling part of every proxy: the reference, plus (not serialized) the session it calls through,
 * found on first use. Deserializing a proxy opens nothing, so a proxy stored inside a managed container
 * stays an inert reference on the server and becomes live wherever a client reads it back.
 */
final class Stub implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final ProxyRef ref;
    private transient volatile ManagerClient client;

    Stub(ProxyRef ref) { this.ref = ref; }

    /** A proxy that arrives in a reply calls through the session that received it. */
    @Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        ManagerClient receiving = ManagerClient.decoding();
        if (receiving != null && receiving.serverId() == ref.serverId()) client = receiving;
    }

    Object call(String method, Object... args) {
        ManagerClient c = client;
        if (c == null || c.isClosed()) client = c = ManagerClient.forRef(ref);
        return c.call(ref.objectId(), method, args);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Stub s && s.ref.equals(ref); }

    @Override
    public int hashCode() { return ref.hashCode(); }
}
