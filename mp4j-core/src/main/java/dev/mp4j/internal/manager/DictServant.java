package dev.mp4j.internal.manager;

import java.util.LinkedHashMap;
import java.util.Map;

/** A managed dict: a LinkedHashMap (insertion order, as Python's dict), one call at a time. */
final class DictServant implements Servant {
    private final Map<Object, Object> map;

    DictServant(Map<Object, Object> map) { this.map = map; }

    DictServant() { this(new LinkedHashMap<>()); }

    @Override
    public synchronized Object invoke(String method, Object[] a) {
        return switch (method) {
            case "put" -> map.put(a[0], a[1]);
            case "get" -> map.get(a[0]);
            case "getOrDefault" -> map.getOrDefault(a[0], a[1]);
            case "remove" -> map.remove(a[0]);
            case "removeIfEquals" -> map.remove(a[0], a[1]);
            case "containsKey" -> map.containsKey(a[0]);
            case "containsValue" -> map.containsValue(a[0]);
            case "size" -> map.size();
            case "clear" -> { map.clear(); yield null; }
            case "putAll" -> { map.putAll(cast(a[0])); yield null; }
            case "putIfAbsent" -> map.putIfAbsent(a[0], a[1]);
            case "replace" -> map.replace(a[0], a[1]);
            case "replaceIfEquals" -> map.replace(a[0], a[1], a[2]);
            case "copy" -> new LinkedHashMap<>(map);
            default -> throw Servant.unknown(method, map);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> cast(Object o) { return (Map<Object, Object>) o; }

    @Override
    public Object proxy(ProxyRef ref) { return new DictProxy<>(ref); }
}
