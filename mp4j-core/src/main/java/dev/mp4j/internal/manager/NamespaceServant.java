package dev.mp4j.internal.manager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/** A managed namespace: named attributes in the order they were first set. */
final class NamespaceServant implements Servant {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    public synchronized Object invoke(String method, Object[] a) {
        return switch (method) {
            case "set" -> { attributes.put(name(a[0]), a[1]); yield null; }
            case "get" -> {
                String name = name(a[0]);
                if (!attributes.containsKey(name)) throw missing(name);
                yield attributes.get(name);
            }
            case "remove" -> {
                String name = name(a[0]);
                if (!attributes.containsKey(name)) throw missing(name);
                yield attributes.remove(name);
            }
            case "contains" -> attributes.containsKey(name(a[0]));
            case "copy" -> new LinkedHashMap<>(attributes);
            default -> throw Servant.unknown(method, this);
        };
    }

    private static String name(Object o) {
        if (o instanceof String s) return s;
        throw new IllegalArgumentException("a namespace attribute name must be a String");
    }

    private static NoSuchElementException missing(String name) {
        return new NoSuchElementException("Namespace has no attribute '" + name + "'");
    }

    @Override
    public Object proxy(ProxyRef ref) { return new NamespaceProxy(ref); }
}
