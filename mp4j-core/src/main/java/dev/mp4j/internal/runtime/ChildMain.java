package dev.mp4j.internal.runtime;

import dev.mp4j.SerializableRunnable;
import dev.mp4j.internal.codec.Codec;
import sun.misc.Signal;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point of every child JVM. Connects back to the parent, (as a WARM standby, warms up and waits), receives
 * its bootstrap, arranges to die with its parent and to report how it ends, then runs the process.
 */
public final class ChildMain {
    private ChildMain() {}

    private static SocketChannel control;

    public static void main(String[] args) throws Exception {
        if (System.getenv(Control.ENV_TRAIN) != null) {
            train();
            return;
        }
        String socket = System.getenv(Control.ENV_SOCKET);
        String token = System.getenv(Control.ENV_TOKEN);
        if (socket == null || token == null) {
            System.err.println("mp4j: " + ChildMain.class.getName() + " is started by dev.mp4j.Process, not by hand");
            System.exit(2);
        }
        control = SocketChannel.open(StandardProtocolFamily.UNIX);
        control.connect(UnixDomainSocketAddress.of(socket));
        writeFully(ByteBuffer.wrap(HexFormat.of().parseHex(token)));
        reportEnding();
        var work = dieWithParent(); // installed before the work arrives: off a WARM start's critical path
        if (System.getenv(Control.ENV_STANDBY) != null) warmUp();
        var bootstrap = Bootstrap.decode(work.join());
        int code = Bridge.support().runChild(bootstrap);
        System.out.flush();
        System.err.flush();
        if (code != 0) System.exit(code);
        // Returning waits for the program's own non-daemon threads, as Python's child does, and is also the
        // quickest way out: System.exit first sets up logging for its exit event, ~15 ms in a cold JVM.
    }

    /** An AOT training run: walks the start-up path of a real child, minus the parent, so it can be cached. */
    private static void train() throws IOException {
        try (var channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.isOpen();
        }
        HexFormat.of().parseHex("00ff");
        new CompletableFuture<byte[]>().complete(new byte[0]);
        Bootstrap.decode(new Bootstrap("MainProcess", 1, Codec.encode("x")).encode());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { }, "mp4j-exit-report"));
        Signal.handle(new Signal("HUP"), s -> { });
        warmUp();
    }

    /** Exercises what the first real start needs (serialization, lambdas, the Process class) ahead of time. */
    private static void warmUp() {
        SerializableRunnable sample = () -> { };
        Codec.decode(Codec.encode(sample));
        Bridge.support().warmUp();
        System.getLogger("java.lang.Runtime"); // System.exit asks for it: a cold logging set-up costs ~15 ms
    }

    /**
     * Reads the bootstrap frame, then watches the control connection, which reaches end-of-stream exactly when
     * the parent dies: then this JVM halts at once, and its own children see the same happen to them.
     */
    private static CompletableFuture<byte[]> dieWithParent() {
        var work = new CompletableFuture<byte[]>();
        Thread.ofPlatform().daemon().name("mp4j-parent-watch").start(() -> {
            try {
                work.complete(readFrame());
                var buffer = ByteBuffer.allocate(64);
                while (control.read(buffer.clear()) >= 0) {
                    // the parent sends nothing after the bootstrap
                }
            } catch (IOException ignored) {
                // a broken connection means the same as end-of-stream
            }
            Runtime.getRuntime().halt(1);
        });
        return work;
    }

    /** Tells the parent whether the exit status it will see is a chosen one or a signal's. */
    private static void reportEnding() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> send(Control.EXITING, -1), "mp4j-exit-report"));
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    send(Control.SIGNALLED, s.getNumber());
                    Runtime.getRuntime().exit(128 + s.getNumber());
                });
            } catch (IllegalArgumentException ignored) {
                // signal in use by the VM (e.g. -Xrs): the default handling stays
            }
        }
    }

    private static synchronized void send(byte kind, int arg) {
        try {
            writeFully(arg < 0 ? ByteBuffer.wrap(new byte[] {kind}) : ByteBuffer.wrap(new byte[] {kind, (byte) arg}));
        } catch (IOException ignored) {
            // the parent is gone; nobody is left to tell
        }
    }

    private static void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) control.write(buffer);
    }

    private static byte[] readFrame() throws IOException {
        var header = ByteBuffer.allocate(4);
        readFully(header);
        var body = ByteBuffer.allocate(header.flip().getInt());
        readFully(body);
        return body.array();
    }

    private static void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (control.read(buffer) < 0) throw new EOFException("parent closed the control connection");
        }
    }
}
