package dev.mp4j.internal.manager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A registered type: calls the methods of its exposed interface (and {@code toString}) on the server's
 * instance, by signature, and nothing else. Calls are not serialized: as in Python, a registered object is
 * called from one server thread per client connection, so it must be thread-safe if shared.
 */
final class ReflectiveServant implements Servant {
    private static final ClassValue<Map<String, Method>> EXPOSED = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> methods = new HashMap<>();
            for (Method m : type.getMethods()) {
                if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
                m.setAccessible(true); // the interface may be package-private, as user test types often are
                methods.put(RemoteHandler.signature(m), m);
            }
            return methods;
        }
    };

    private final Object target;
    private final Class<?> type;

    ReflectiveServant(Object target, Class<?> type) {
        if (!type.isInstance(target))
            throw new IllegalArgumentException("the factory made a " + target.getClass().getName() + ", not a " + type.getName());
        this.target = target;
        this.type = type;
    }

    @Override
    public Object invoke(String method, Object[] args) throws Throwable {
        if (method.equals("toString()")) return target.toString();
        Method m = EXPOSED.get(type).get(method);
        if (m == null) throw Servant.unknown(method, target);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Object proxy(ProxyRef ref) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new RemoteHandler(ref, type));
    }
}
