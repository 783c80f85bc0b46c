package dev.mp4j.internal.manager;

/**
 * The server side of one managed object: runs a method named by the client on it. Built-in types switch on
 * the method name (no reflection on the hot path); registered types go through {@link ReflectiveServant}.
 */
interface Servant {
    Object invoke(String method, Object[] args) throws Throwable;

    /** The proxy a client gets for this object. */
    Object proxy(ProxyRef ref);

    static IllegalArgumentException unknown(String method, Object target) {
        return new IllegalArgumentException("no method " + method + " exposed by " + target.getClass().getSimpleName());
    }
}
