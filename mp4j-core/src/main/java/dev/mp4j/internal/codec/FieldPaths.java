package dev.mp4j.internal.codec;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds the field path from a root object to the first instance of a class that could not be serialized,
 * so the error can say {@code Worker.helper.socket} rather than just {@code java.net.Socket}. Runs only after
 * serialization failed, so its reflection costs nothing on the normal path.
 */
final class FieldPaths {
    private static final int MAX_NODES = 10_000;

    private final String target;
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();

    private FieldPaths(String target) { this.target = target; }

    /** The path from {@code root} to an instance of {@code className}, or null if none is found. */
    static String find(Object root, String className) {
        if (root == null) return null;
        return new FieldPaths(className).walk(root, simpleName(root.getClass()));
    }

    private String walk(Object node, String path) {
        if (node == null || seen.size() > MAX_NODES || seen.put(node, Boolean.TRUE) != null) return null;
        Class<?> type = node.getClass();
        if (type.getName().equals(target)) return path;
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) return null;
            for (int i = 0; i < Array.getLength(node); i++) {
                String found = walk(Array.get(node, i), path + "[" + i + "]");
                if (found != null) return found;
            }
            return null;
        }
        if (node instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                String found = walk(e.getKey(), path + ".key(" + e.getKey() + ")");
                if (found == null) found = walk(e.getValue(), path + "[" + e.getKey() + "]");
                if (found != null) return found;
            }
            return null;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String found = walk(item, path + "[" + i++ + "]");
                if (found != null) return found;
            }
            return null;
        }
        SerializedLambda lambda = asSerializedLambda(node);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object captured = lambda.getCapturedArg(i);
                String label = captured == null ? "?" : simpleName(captured.getClass());
                String found = walk(captured, path + ".captured[" + i + ": " + label + "]");
                if (found != null) return found;
            }
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                if (f.getType().isPrimitive()) continue;
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(node);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue; // a JDK-internal field we may not read: not where user mistakes live
                }
                String found = walk(value, path + "." + f.getName());
                if (found != null) return found;
            }
        }
        return null;
    }

    private static SerializedLambda asSerializedLambda(Object node) {
        if (!node.getClass().isSynthetic() && !node.getClass().isHidden()) return null;
        try {
            Method m = node.getClass().getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            return m.invoke(node) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String simpleName(Class<?> c) {
        if (c.isHidden()) return "lambda";
        String n = c.getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }
}
