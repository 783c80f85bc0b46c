package dev.mp4j.internal.runtime;

import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.codec.Codec;
import dev.mp4j.internal.shm.Futex;
import sun.misc.Signal;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entry point of every child JVM. Arranges to report how it ends and to die with its parent, (as a WARM standby,
 * warms up and waits), reads its bootstrap from stdin, then runs the process. Everything on this path is chosen
 * for a cold JVM: a pipe and a plain file, no sockets.
 */
public final class ChildMain {
    private static final List<Runnable> ON_PARENT_DEATH = new CopyOnWriteArrayList<>();

    private ChildMain() {}

    /**
     * Runs {@code cleanup} just before this child halts because its parent died (no shutdown hooks run then):
     * for quick, must-do clean-up such as removing a socket file. Does nothing in the main JVM.
     */
    public static void onParentDeath(Runnable cleanup) {
        ON_PARENT_DEATH.add(cleanup);
    }

    public static void main(String[] args) throws Exception {
        String training = System.getenv(Control.ENV_TRAIN);
        if (training != null) {
            train(!"lean".equals(training));
            return;
        }
        String slot = System.getenv(Control.ENV_SLOT);
        if (slot == null) {
            System.err.println("mp4j: " + ChildMain.class.getName() + " is started by dev.mp4j.Process, not by hand");
            System.exit(2);
        }
        var parent = claimStdin();
        reportEnding(System.getenv(Control.ENV_BOARD), Integer.parseInt(slot));
        var work = new Handoff();
        boolean standby = System.getenv(Control.ENV_STANDBY) != null;
        // A SPAWN child's work is in the pipe already: read here, it skips a hand-over from the watching thread, which
        // is then started off the critical path. A standby watches from the start: its work may be long in coming.
        if (!standby) work.put(ParentWatch.readFrame(parent));
        watcher(parent, work).start();
        // A standby taken while it was still booting skips the warm-up: its work is waiting.
        if (standby) warmUp(work, parent);
        var bootstrap = Bootstrap.decode(work.take());
        int code = Bridge.support().runChild(bootstrap);
        System.out.flush();
        System.err.flush();
        if (code != 0) System.exit(code);
        // Returning waits for the program's own non-daemon threads, as Python's child does, and is also the
        // quickest way out: System.exit first sets up logging for its exit event, ~15 ms in a cold JVM.
    }

    /** The parent pipe (stdin), taken for mp4j: the program's own stdin is empty, as in Python. */
    private static DataInputStream claimStdin() {
        var parent = new DataInputStream(new FileInputStream(FileDescriptor.in));
        System.setIn(InputStream.nullInputStream());
        return parent;
    }

    /** The thread that watches the parent pipe (see {@link ParentWatch}), not yet started. */
    private static Thread watcher(DataInputStream parent, Handoff work) {
        var watch = new Thread(new ParentWatch(parent, work), "mp4j-parent-watch");
        watch.setDaemon(true);
        return watch;
    }

    /**
     * Reads the bootstrap frame unless main has, then keeps reading the parent pipe, which reaches end-of-file
     * exactly when the parent dies: then this JVM halts at once, and its own children see the same happen to them.
     * A plain thread and a named class: a cold JVM's first lambda, CompletableFuture or thread builder costs
     * milliseconds to load and link.
     */
    private static final class ParentWatch implements Runnable {
        private final DataInputStream parent;
        private final Handoff work;

        ParentWatch(DataInputStream parent, Handoff work) {
            this.parent = parent;
            this.work = work;
        }

        @Override public void run() {
            try {
                if (!work.arrived()) work.put(readFrame(parent));
                while (parent.read() >= 0) {
                    // the parent sends nothing after the bootstrap
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end-of-file
            }
            parentDied();
        }

        /** The bootstrap frame; the parent's death (end-of-file first) halts this JVM. */
        static byte[] readFrame(DataInputStream parent) {
            try {
                byte[] length = new byte[4];
                parent.readFully(length); // not readInt: it sets up six VarHandles first, ~0.5 ms of a cold child
                byte[] frame = new byte[java.nio.ByteBuffer.wrap(length).getInt()];
                parent.readFully(frame);
                return frame;
            } catch (IOException e) {
                parentDied();
                throw new AssertionError("unreachable");
            }
        }

        private static void parentDied() {
            for (Runnable cleanup : ON_PARENT_DEATH) {
                try {
                    cleanup.run();
                } catch (Throwable ignored) {
                    // halting anyway
                }
            }
            Runtime.getRuntime().halt(1);
        }
    }

    /** The bootstrap frame, passed from the pipe-watching thread to main. */
    private static final class Handoff {
        private byte[] frame;

        synchronized void put(byte[] f) {
            frame = f;
            notifyAll();
        }

        synchronized boolean arrived() {
            return frame != null;
        }

        synchronized byte[] take() throws InterruptedException {
            while (frame == null) wait();
            return frame;
        }
    }

    /** Tells the parent whether the exit status it will see is one the program chose or a signal's. */
    private static void reportEnding(String board, int slot) {
        if (board == null || slot < 0) return;
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), new sun.misc.SignalHandler() {
                    @Override public void handle(Signal s) {
                        StatusBoard.write(board, slot, StatusBoard.SIGNAL, s.getNumber());
                        Runtime.getRuntime().exit(128 + s.getNumber());
                    }
                });
            } catch (IllegalArgumentException ignored) {
                // signal in use by the VM (e.g. -Xrs): the default handling stays
            }
        }
        // Only after the handlers: a signal that beats them must not look like a chosen exit. One can still beat
        // them and yet find this hook registered: the JDK's own handler took it while this JVM was booting, and its
        // exit (slow in a cold JVM: it sets up logging first) began after the line below. The JDK's handler thread,
        // still running the exit, says so.
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override public void run() {
                int signal = signalTheJdkIsHandling();
                if (signal > 0) StatusBoard.write(board, slot, StatusBoard.SIGNAL, signal);
                else StatusBoard.write(board, slot, StatusBoard.EXITING, 1);
            }
        }, "mp4j-exit-report"));
        StatusBoard.write(board, slot, StatusBoard.ARMED, 1); // from now on a SIGTERM is ours to report
    }

    /**
     * The signal whose handler thread ("SIGTERM handler", ...) is running the JDK's default handling (class
     * {@code java.lang.Terminator}), or 0: none, or the program's own handler or mp4j's (which reports itself).
     */
    private static int signalTheJdkIsHandling() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            int signal = switch (threads[i].getName()) {
                case "SIGTERM handler" -> 15;
                case "SIGINT handler" -> 2;
                case "SIGHUP handler" -> 1;
                default -> 0;
            };
            if (signal == 0) continue;
            for (StackTraceElement frame : threads[i].getStackTrace()) {
                if (frame.getClassName().startsWith("java.lang.Terminator")) return signal;
            }
        }
        return 0;
    }

    /**
     * An AOT training run: walks the start-up path of a real child, minus the parent, so that what it loads and
     * links is in the cache. {@code full}: also the shared-memory path and the queue's hot paths (see AotCache).
     */
    private static void train(boolean full) throws IOException, InterruptedException {
        // main's steps on a made-up frame (stdin is /dev/null here), so the cache holds what a child loads and little
        // more: the board's writes go nowhere, the watching thread is made but not started (no parent to watch).
        var parent = claimStdin();
        reportEnding("/dev/null", 0);
        var work = new Handoff();
        work.put(Bridge.support().trainingBootstrap());
        watcher(parent, work);
        int exit = Bridge.support().runChild(Bootstrap.decode(work.take()));
        if (exit != 0) throw new IllegalStateException("the training process failed: " + exit);
        String code = System.getenv(Control.ENV_TRAIN_CODE);
        if (code != null && !code.isEmpty()) {
            for (String name : code.split(",")) {
                try {
                    Class.forName(name, false, ClassLoader.getSystemClassLoader()); // loaded, none of its code run
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // gone from the class path meanwhile: nothing to cache
                }
            }
        }
        if (!full) return;
        // what a child handed shared memory adds: the native wait/wake, its objects' forms and their hot paths
        Futex.prepare();
        Bridge.support().warmUpShared();
        Bridge.support().trainHotPaths();
    }

    /**
     * Exercises what the first real start needs (serialization, lambdas, the Process class, the native wait/wake)
     * ahead of time, step by step, stopping as soon as work arrives: a standby taken while still booting runs its
     * process rather than finish warming up for it (linking the futex alone takes tens of milliseconds).
     */
    private static void warmUp(Handoff work, DataInputStream parent) throws IOException {
        for (int step = 0; step < 5; step++) {
            if (work.arrived() || parent.available() > 0) return;
            switch (step) {
                case 0 -> {
                    SerializableRunnable sample = () -> { };
                    Codec.decode(Codec.encode(sample));
                }
                case 1 -> Bridge.support().warmUp();
                case 2 -> System.getLogger("java.lang.Runtime"); // System.exit asks for it: a cold set-up costs ~15 ms
                case 3 -> Futex.prepare(); // most children that share anything wait or wake
                default -> Bridge.support().warmUpShared(); // and most are handed a queue, a lock or an event
            }
        }
    }
}
