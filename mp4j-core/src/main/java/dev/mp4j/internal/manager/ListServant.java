package dev.mp4j.internal.manager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A managed list: an ArrayList, one call at a time. */
final class ListServant implements Servant {
    private final List<Object> list;

    ListServant(List<Object> list) { this.list = list; }

    ListServant() { this(new ArrayList<>()); }

    @Override
    public synchronized Object invoke(String method, Object[] a) {
        return switch (method) {
            case "get" -> list.get((Integer) a[0]);
            case "set" -> list.set((Integer) a[0], a[1]);
            case "add" -> list.add(a[0]);
            case "insert" -> { list.add((Integer) a[0], a[1]); yield null; }
            case "removeAt" -> list.remove((int) (Integer) a[0]);
            case "remove" -> list.remove(a[0]);
            case "size" -> list.size();
            case "indexOf" -> list.indexOf(a[0]);
            case "lastIndexOf" -> list.lastIndexOf(a[0]);
            case "contains" -> list.contains(a[0]);
            case "clear" -> { list.clear(); yield null; }
            case "addAll" -> list.addAll(cast(a[0]));
            case "insertAll" -> list.addAll((Integer) a[0], cast(a[1]));
            case "removeRange" -> { list.subList((Integer) a[0], (Integer) a[1]).clear(); yield null; }
            case "copy" -> new ArrayList<>(list);
            default -> throw Servant.unknown(method, list);
        };
    }

    @SuppressWarnings("unchecked")
    private static Collection<Object> cast(Object o) { return (Collection<Object>) o; }

    @Override
    public Object proxy(ProxyRef ref) { return new ListProxy<>(ref); }
}
