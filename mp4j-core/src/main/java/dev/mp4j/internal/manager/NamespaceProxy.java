package dev.mp4j.internal.manager;

import dev.mp4j.Namespace;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.stream.Collectors;

/** The client side of a managed {@link Namespace}. */
final class NamespaceProxy implements Namespace, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;

    NamespaceProxy(ProxyRef ref) { this.stub = new Stub(ref); }

    @Override public void set(String name, Object value) { stub.call("set", name, value); }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String name) { return (T) stub.call("get", name); }

    @Override public void remove(String name) { stub.call("remove", name); }

    @Override public boolean contains(String name) { return (Boolean) stub.call("contains", name); }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() { return (Map<String, Object>) stub.call("copy"); }

    @Override public boolean equals(Object o) { return o instanceof NamespaceProxy n && n.stub.equals(stub); }

    @Override public int hashCode() { return stub.hashCode(); }

    /** Python's repr: {@code Namespace(x=1, y='a')}. */
    @Override
    public String toString() {
        return toMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "Namespace(", ")"));
    }
}
