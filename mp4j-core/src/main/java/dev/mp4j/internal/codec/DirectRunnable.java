package dev.mp4j.internal.codec;

import dev.mp4j.SerializableRunnable;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@code SerializableRunnable} lambda run by calling its implementation method through reflection, with the
 * captured values as arguments (the receiver first, for an instance method): what the lambda's {@code run()} would
 * do, without spinning the lambda's class. Serialized again, it is replaced by the real lambda. See
 * {@link Lambdas#decodeRunnable}.
 */
final class DirectRunnable implements SerializableRunnable {
    @Serial private static final long serialVersionUID = 1L;

    private final byte[] form;               // Lambdas' form, for writeReplace
    private final transient Method method;   // null for a constructor reference
    private final transient Constructor<?> constructor;
    private final transient Object receiver; // null for a static method
    private final transient Object[] args;

    private DirectRunnable(byte[] form, Method method, Constructor<?> constructor, Object receiver, Object[] args) {
        this.form = form;
        this.method = method;
        this.constructor = constructor;
        this.receiver = receiver;
        this.args = args;
    }

    /** The call the lambda stands for, or null if it cannot be made here (then the lambda is rebuilt). */
    static DirectRunnable resolve(byte[] form, int kind, String implClass, String name, String descriptor,
                                  Object[] captured, ClassLoader loader) {
        try {
            Class<?> owner = Class.forName(implClass, false, loader);
            Class<?>[] params = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader()).parameterArray();
            switch (kind) {
                case MethodHandleInfo.REF_invokeStatic -> {
                    if (captured.length != params.length) return null;
                    Method m = owner.getDeclaredMethod(name, params);
                    m.setAccessible(true);
                    return new DirectRunnable(form, m, null, null, captured);
                }
                case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface,
                     MethodHandleInfo.REF_invokeSpecial -> {
                    if (captured.length != params.length + 1 || !owner.isInstance(captured[0])) return null;
                    Method m = owner.getDeclaredMethod(name, params); // not found (inherited): rebuild instead
                    m.setAccessible(true);
                    return new DirectRunnable(form, m, null, captured[0], Arrays.copyOfRange(captured, 1, captured.length));
                }
                case MethodHandleInfo.REF_newInvokeSpecial -> {
                    if (captured.length != params.length) return null;
                    Constructor<?> c = owner.getDeclaredConstructor(params);
                    c.setAccessible(true);
                    return new DirectRunnable(form, null, c, null, captured);
                }
                default -> {
                    return null;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // e.g. a class in a named module not open to mp4j
        }
    }

    @Override
    public void run() throws Exception {
        try {
            if (method != null) method.invoke(receiver, args);
            else constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) throw x;
            if (cause instanceof Error x) throw x;
            throw e;
        }
    }

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        try {
            return Lambdas.decode(ByteBuffer.wrap(form));
        } catch (Exception e) {
            var failure = new java.io.InvalidObjectException("cannot rebuild the lambda");
            failure.initCause(e);
            throw failure;
        }
    }
}
