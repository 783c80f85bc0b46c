package dev.mp4j.internal.shm;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * VarHandles over {@link java.lang.foreign.MemorySegment}, coordinates {@code (segment, long offset)}. Every
 * access site names its access mode (plain, opaque, acquire/release, volatile, CAS) and says why beside it;
 * cross-process fields must be naturally aligned, or the atomic modes throw.
 */
public final class Mem {
    private Mem() {}

    public static final VarHandle INT = handle(ValueLayout.JAVA_INT);
    public static final VarHandle LONG = handle(ValueLayout.JAVA_LONG);
    public static final VarHandle SHORT = handle(ValueLayout.JAVA_SHORT);
    public static final VarHandle CHAR = handle(ValueLayout.JAVA_CHAR);
    public static final VarHandle BYTE = handle(ValueLayout.JAVA_BYTE);
    public static final VarHandle FLOAT = handle(ValueLayout.JAVA_FLOAT);
    public static final VarHandle DOUBLE = handle(ValueLayout.JAVA_DOUBLE);

    private static VarHandle handle(ValueLayout layout) {
        // Drop the trailing "index" coordinate some layouts' handles carry: (segment, offset) is all we use.
        VarHandle h = layout.varHandle();
        return h.coordinateTypes().size() == 2 ? h : MethodHandles.insertCoordinates(h, 2, 0L);
    }
}
