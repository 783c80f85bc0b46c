package dev.mp4j.internal.codec;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How functions travel: a pool's tasks, a process's target. A serializable lambda (nearly every task: {@code pool.apply(() -> f(x))})
 * travels as the strings of its {@link SerializedLambda} plus its captured values, each through the {@link Codec}'s
 * fast paths, and is rebuilt in the worker by the capturing class's own {@code $deserializeLambda$}, which is what
 * Java serialization ends up calling too. That skips ObjectOutputStream/ObjectInputStream, which cost ~25 us per
 * task, ten times the rest of a round trip. Anything else (or a lambda whose class we may not reflect on, as in a
 * named module that is not open) goes through the Codec whole. First byte: {@link #PLAIN} or {@link #LAMBDA}.
 */
public final class Lambdas {
    private Lambdas() {}

    private static final byte PLAIN = 0, LAMBDA = 1;
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override protected Method computeValue(Class<?> c) {
            if (!c.isSynthetic() && !c.isHidden()) return null;
            try {
                Method m = c.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };
    private static final ConcurrentHashMap<String, Method> DESERIALIZERS = new ConcurrentHashMap<>();

    /**
     * The function's form: tag byte, then its fields (a lambda) or the whole object (anything else, such as a pool
     * worker's main). Both only ever reach trusted local readers, so mp4j's shared objects in them travel in their
     * {@link Portable} form.
     */
    public static byte[] encode(Object function) {
        List<Object> form = form(function);
        if (form == null) return tagged(PLAIN, Codec.encodeLocal(function));
        return tagged(LAMBDA, Codec.encodeLocal(form)); // an unserializable captured value fails here, named by the Codec
    }

    /**
     * What {@link #encode} writes for a {@code SerializableRunnable} lambda that calls the static
     * {@code owner.method} (of that {@code descriptor}) with {@code captured}, made without such a lambda: for
     * warm-ups and AOT training runs, where creating one would spin a class that no child loads.
     */
    public static byte[] encodeStaticRunnable(Class<?> owner, String method, String descriptor, Object... captured) {
        String o = owner.getName().replace('.', '/');
        var form = new ArrayList<Object>(List.of(o, "dev/mp4j/SerializableRunnable", "run", "()V",
            java.lang.invoke.MethodHandleInfo.REF_invokeStatic, o, method, descriptor, "()V"));
        form.add(new ArrayList<>(List.of(captured)));
        return tagged(LAMBDA, Codec.encodeLocal(form));
    }

    /** A serializable lambda's fields (strings, its kind, its captured values); null for anything else. */
    static List<Object> form(Object function) {
        SerializedLambda s = serializedForm(function);
        if (s == null) return null;
        var captured = new ArrayList<>(s.getCapturedArgCount());
        for (int i = 0; i < s.getCapturedArgCount(); i++) captured.add(s.getCapturedArg(i));
        var form = new ArrayList<Object>(List.of(s.getCapturingClass(), s.getFunctionalInterfaceClass(),
            s.getFunctionalInterfaceMethodName(), s.getFunctionalInterfaceMethodSignature(), s.getImplMethodKind(),
            s.getImplClass(), s.getImplMethodName(), s.getImplMethodSignature(), s.getInstantiatedMethodType()));
        form.add(captured);
        return form;
    }

    /** A lambda inside another value (a pool worker's initializer): its {@link Portable} form. */
    static final class Nested implements Portable {
        private final List<Object> form;

        Nested(List<Object> form) { this.form = form; }

        @Override public int portableKind() { return Portable.LAMBDA; }

        @Override public Object[] portableFields() { return new Object[] {form}; }
    }

    static {
        Portable.register(Portable.LAMBDA, new Portable.Reader() {
            @Override public Object read(Object[] f) {
                try {
                    return rebuild((List<?>) f[0]);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot rebuild a lambda: " + e, e);
                }
            }
        });
    }

    private static SerializedLambda serializedForm(Object function) {
        Method m = WRITE_REPLACE.get(function.getClass());
        if (m == null) return null;
        try {
            return m.invoke(function) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** Reads what {@link #encode} wrote, from the buffer's position to its limit. */
    public static Object decode(ByteBuffer b) throws Exception {
        byte tag = b.get();
        Object body = Codec.decode(b.slice(), Limits.NONE);
        if (tag == PLAIN) return body;
        return rebuild((List<?>) body);
    }

    /** The lambda that {@link #form} describes, rebuilt by its capturing class. */
    static Object rebuild(List<?> f) throws Exception {
        String capturing = ((String) f.get(0)).replace('/', '.');
        Method deserialize = DESERIALIZERS.get(capturing);
        if (deserialize == null) {
            Class<?> c = Class.forName(capturing, false, loader());
            deserialize = c.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            deserialize.setAccessible(true);
            DESERIALIZERS.put(capturing, deserialize);
        }
        var s = new SerializedLambda(deserialize.getDeclaringClass(), (String) f.get(1), (String) f.get(2), (String) f.get(3),
            (Integer) f.get(4), (String) f.get(5), (String) f.get(6), (String) f.get(7), (String) f.get(8),
            ((List<?>) f.get(9)).toArray());
        try {
            return deserialize.invoke(null, s);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /**
     * Like {@link #decode}, but a {@code SerializableRunnable} lambda comes back as a {@link DirectRunnable} that
     * calls the lambda's implementation method itself. For a process's target, run once in a fresh JVM: rebuilding
     * the lambda would spin a class, some 10 ms of a cold child's start. Falls back to {@link #decode} wherever the
     * method cannot be found or made accessible.
     */
    public static Object decodeRunnable(ByteBuffer b) throws Exception {
        int start = b.position();
        if (b.get(start) == LAMBDA) {
            List<?> f = (List<?>) Codec.decode(b.duplicate().position(start + 1).slice(), Limits.NONE);
            if ("dev/mp4j/SerializableRunnable".equals(f.get(1)) && "run".equals(f.get(2)) && "()V".equals(f.get(3))) {
                byte[] form = new byte[b.remaining()];
                b.duplicate().get(form);
                var direct = DirectRunnable.resolve(form, (Integer) f.get(4), ((String) f.get(5)).replace('/', '.'),
                    (String) f.get(6), (String) f.get(7), ((List<?>) f.get(9)).toArray(), loader());
                if (direct != null) return direct;
            }
        }
        return decode(b);
    }

    static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : Lambdas.class.getClassLoader();
    }
}
