package dev.mp4j.internal.manager;

/** A managed single value (Python's {@code Manager().Value}). */
final class ValueServant implements Servant {
    private Object value;

    ValueServant(Object initial) { this.value = initial; }

    @Override
    public synchronized Object invoke(String method, Object[] a) {
        return switch (method) {
            case "get" -> value;
            case "set" -> { value = a[0]; yield null; }
            default -> throw Servant.unknown(method, this);
        };
    }

    @Override
    public Object proxy(ProxyRef ref) { return new ValueHandle<>(ref); }
}
