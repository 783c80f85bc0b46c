package dev.mp4j.internal.manager;

import dev.mp4j.RemoteException;

import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The client side of a registered type: a {@link Proxy} implementing exactly the registered interface, whose
 * calls run on the server's instance. {@code equals}/{@code hashCode} compare references (two proxies of one
 * object are equal); {@code toString} asks the server. An exception thrown there comes back as the same
 * class and message with the server's stack trace; a checked one the method does not declare is wrapped in
 * {@link RemoteException}.
 */
final class RemoteHandler implements InvocationHandler, Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private static final java.util.concurrent.ConcurrentHashMap<Method, String> SIGNATURES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Stub stub;
    private final Class<?> type;

    RemoteHandler(ProxyRef ref, Class<?> type) {
        this.stub = new Stub(ref);
        this.type = type;
    }

    /** How a method is named on the wire: name and parameter types, so overloads stay apart. */
    static String signature(Method m) {
        return SIGNATURES.computeIfAbsent(m, k -> k.getName() + Arrays.stream(k.getParameterTypes())
            .map(Class::getTypeName).collect(Collectors.joining(",", "(", ")")));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] != null && Proxy.isProxyClass(args[0].getClass())
                    && Proxy.getInvocationHandler(args[0]) instanceof RemoteHandler h && h.stub.equals(stub);
                case "hashCode" -> stub.hashCode();
                default -> stub.call("toString()");
            };
        }
        try {
            return stub.call(signature(method), args == null ? new Object[0] : args);
        } catch (RemoteException e) {
            Throwable cause = e.getCause();
            if (cause != null) {
                for (Class<?> declared : method.getExceptionTypes()) if (declared.isInstance(cause)) throw cause;
            }
            throw e;
        }
    }

    @Override
    public String toString() { return "RemoteHandler(" + type.getName() + ", " + stub.ref + ")"; }
}
