package dev.mp4j.internal.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * The parent's side of one launched child JVM. A watcher (a virtual thread) accepts the child's control
 * connection, hands it its bootstrap once there is one (at once for SPAWN; when a WARM standby is taken),
 * reads how it ends, reaps it and completes {@link #exit()} with Python's exit code.
 */
public final class Child {
    private final Launcher.Launched launched;
    private final CompletableFuture<byte[]> bootstrap = new CompletableFuture<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile Object owner;
    private volatile boolean daemon;

    private Child(Launcher.Launched launched) {
        this.launched = launched;
    }

    /** Starts a child that runs {@code bootstrap}: in a fresh JVM, or in a WARM standby if {@code warm}. */
    public static Child start(boolean warm, java.util.List<String> jvmOptions, byte[] bootstrap) {
        return warm ? Standby.start(jvmOptions, bootstrap) : launch(jvmOptions, bootstrap);
    }

    /** Launches a JVM that will run {@code bootstrap} once connected; null bootstrap: a WARM standby. */
    static Child launch(java.util.List<String> jvmOptions, byte[] bootstrap) {
        var child = new Child(Launcher.launch(jvmOptions, bootstrap == null));
        if (bootstrap != null) child.bootstrap.complete(bootstrap);
        // A child that dies before connecting must not leave the watcher blocked in accept().
        child.launched.os().onExit().thenRun(child.launched::removeSocket);
        Thread.ofVirtual().name("mp4j-watch-" + child.pid()).start(child::watch);
        return child;
    }

    /** Gives this child (a standby until now) its work; false if it has already died. */
    boolean assign(byte[] work) {
        return bootstrap.complete(work) && !exit.isDone();
    }

    /** Records whom this child runs for, and whether it keeps the JVM alive; then it counts as active. */
    public void register(Object owner, boolean daemon) {
        this.owner = owner;
        this.daemon = daemon;
        Children.add(this);
        if (exit.isDone()) Children.remove(this);
    }

    Object owner() { return owner; }

    boolean daemon() { return daemon; }

    public long pid() { return launched.os().pid(); }

    /** Completes with Python's exit code once the JVM has ended and been reaped. */
    public CompletableFuture<Integer> exit() { return exit; }

    /** Completes once the child JVM has connected back (it is up and warmed). */
    CompletableFuture<Void> connected() { return connected; }

    public boolean isAlive() { return !exit.isDone(); }

    /** SIGTERM; nothing for an ended process. */
    public void terminate() {
        if (!exit.isDone()) launched.os().toHandle().destroy();
    }

    /** SIGKILL; nothing for an ended process. */
    public void kill() {
        if (!exit.isDone()) launched.os().toHandle().destroyForcibly();
    }

    private void watch() {
        boolean hookRan = false;
        int signal = 0;
        try (SocketChannel channel = launched.server().accept()) {
            launched.removeSocket();
            checkToken(channel);
            connected.complete(null);
            byte[] work = bootstrap.join();
            var frame = ByteBuffer.allocate(4 + work.length).putInt(work.length).put(work).flip();
            while (frame.hasRemaining()) channel.write(frame);
            var one = ByteBuffer.allocate(1);
            while (true) {
                int b = readByte(channel, one);
                if (b < 0) break;
                if (b == Control.EXITING) hookRan = true;
                else if (b == Control.SIGNALLED) signal = Math.max(0, readByte(channel, one));
            }
        } catch (IOException | RuntimeException e) {
            // Failed to start, died, or was refused: the OS exit status below says what happened.
            launched.removeSocket();
        }
        connected.complete(null);
        int status = waitUninterruptibly();
        Children.remove(this); // before completing, so a returned join() never sees it among the active
        exit.complete(ExitStatus.decode(status, hookRan, signal));
    }

    private void checkToken(SocketChannel channel) throws IOException {
        var got = ByteBuffer.allocate(launched.token().length);
        while (got.hasRemaining()) {
            if (channel.read(got) < 0) throw new EOFException("child closed before identifying itself");
        }
        if (!MessageDigest.isEqual(got.array(), launched.token())) {
            kill();
            throw new IOException("a process that is not our child connected");
        }
    }

    private static int readByte(SocketChannel channel, ByteBuffer one) throws IOException {
        one.clear();
        int n = channel.read(one);
        return n < 0 ? -1 : one.get(0) & 0xff;
    }

    private int waitUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return launched.os().waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
