package dev.mp4j.internal.shm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The Linux futex syscall through the FFM linker. Only touched when native access is enabled, so the JDK never
 * prints its restricted-method warning in a user's JVM.
 */
final class NativeFutex {
    private NativeFutex() {}

    private static final long SYS_FUTEX = 202; // x86_64
    private static final long FUTEX_WAIT = 0, FUTEX_WAKE = 1; // shared (not | FUTEX_PRIVATE_FLAG): cross-process

    private static final boolean AVAILABLE = !"false".equals(System.getProperty("mp4j.futex"))
        && NativeFutex.class.getModule().isNativeAccessEnabled()
        && "amd64".equals(System.getProperty("os.arch"))
        && System.getProperty("os.name", "").startsWith("Linux");

    /**
     * Linked on the first wait or wake only: linking a downcall generates classes, 100-300 ms of CPU in a cold JVM,
     * which a child that never blocks (an uncontended lock, a value, a queue that always has room) need not pay.
     */
    private static final class Syscall {
        static final MethodHandle HANDLE = link();

        static {
            linked = true;
        }

        private static MethodHandle link() {
            Linker linker = Linker.nativeLinker();
            // no lambda for the error: its class would be spun in every child that links this
            var found = linker.defaultLookup().find("syscall");
            if (found.isEmpty()) throw new IllegalStateException("libc has no syscall()");
            MemorySegment fn = found.get();
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            return linker.downcallHandle(fn, FunctionDescriptor.of(l, l, l, l, l, l, l, l), Linker.Option.firstVariadicArg(1));
        }
    }

    /** Whether the syscall is linked: then a wait or wake costs no more than the system call. */
    static volatile boolean linked;

    private static final java.util.concurrent.atomic.AtomicBoolean LINKING = new java.util.concurrent.atomic.AtomicBoolean();

    /** Links the syscall on a thread of its own, once; returns at once. */
    static void linkInBackground() {
        if (linked || LINKING.getAndSet(true)) return;
        var t = new Thread(new Runnable() { @Override public void run() { prepare(); } }, "mp4j-futex-link"); // not a lambda: cold-JVM cost
        t.setDaemon(true);
        t.start();
    }

    /** One timespec per thread: allocating per call would cost more than the syscall's fast return. */
    private static final ThreadLocal<MemorySegment> TIMESPEC = new ThreadLocal<>() { // not a lambda: cold-JVM cost
        @Override protected MemorySegment initialValue() { return Arena.ofAuto().allocate(16, 8); }
    };

    /** Whether this JVM uses the futex (Linux on x86_64, native access enabled, not switched off). */
    static boolean available() {
        return AVAILABLE;
    }

    /** Links the syscall and makes one harmless call (a wake nobody waits for on a word of our own). */
    static void prepare() {
        wake(Arena.ofAuto().allocate(4, 4), 0, 1);
    }

    static void await(MemorySegment segment, long offset, int expected, long timeoutNanos) {
        MemorySegment ts = TIMESPEC.get();
        ts.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
        try {
            // Returns -1 with EAGAIN (value differed), ETIMEDOUT or EINTR: the caller re-checks all of these itself.
            long r = (long) Syscall.HANDLE.invokeExact(SYS_FUTEX, segment.address() + offset, FUTEX_WAIT,
                (long) expected, ts.address(), 0L, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("futex wait failed", t);
        }
    }

    static void wake(MemorySegment segment, long offset, int count) {
        try {
            long r = (long) Syscall.HANDLE.invokeExact(SYS_FUTEX, segment.address() + offset, FUTEX_WAKE,
                (long) count, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("futex wake failed", t);
        }
    }
}
