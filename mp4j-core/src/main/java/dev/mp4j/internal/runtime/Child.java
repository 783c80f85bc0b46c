package dev.mp4j.internal.runtime;

import dev.mp4j.internal.shm.Janitor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The parent's side of one launched child JVM: hands it its bootstrap (at once for SPAWN; when a WARM standby is
 * taken), keeps the pipe that tells it the parent is alive, and once the OS reports it ended completes
 * {@link #exit()} with Python's exit code.
 */
public final class Child {
    private final Launcher.Launched launched;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean assigned;
    private volatile Object owner;
    private volatile boolean daemon;

    private Child(Launcher.Launched launched) {
        this.launched = launched;
    }

    /**
     * Starts a child that runs {@code bootstrap}: in a fresh JVM, or in a WARM standby if {@code warm}.
     * {@code sharesMemory} (the bootstrap hands the child shared memory) and {@code code} (the class of its target)
     * only guide the choice and training of an AOT cache (see {@link AotCache}).
     */
    public static Child start(boolean warm, List<String> jvmOptions, byte[] bootstrap, boolean sharesMemory, Class<?> code) {
        AotCache.noteCode(code);
        return warm ? Standby.start(jvmOptions, bootstrap, !sharesMemory) : launch(jvmOptions, bootstrap, !sharesMemory);
    }

    /**
     * Launches a JVM that will run {@code bootstrap}; null bootstrap: a WARM standby, given work later. {@code lean}:
     * the child is handed no shared memory (a standby never counts as lean: it cannot know).
     */
    static Child launch(List<String> jvmOptions, byte[] bootstrap, boolean lean) {
        var child = new Child(Launcher.launch(jvmOptions, bootstrap == null, lean && bootstrap != null));
        // A thread of its own that waitFor() wakes straight from the JDK's reaper (Process.onExit() would add a hop
        // through the common pool); callbacks on exit() then run there, never on the reaper.
        Thread.ofVirtual().name("mp4j-reaped-" + child.pid()).start(child::awaitExit);
        if (bootstrap != null) child.assign(bootstrap);
        return child;
    }

    /**
     * Gives this child its work: one frame on its stdin. A frame larger than the pipe's buffer is written by a
     * virtual thread, so {@code start()} does not wait for the child to come up and read it.
     *
     * @return false if the child has already died
     */
    boolean assign(byte[] work) {
        if (assigned || exit.isDone()) return false;
        assigned = true;
        var frame = ByteBuffer.allocate(4 + work.length).putInt(work.length).put(work).array();
        if (frame.length <= 16 * 1024) send(frame);
        else Thread.ofVirtual().name("mp4j-bootstrap-" + pid()).start(() -> send(frame));
        return true;
    }

    private void send(byte[] frame) {
        OutputStream pipe = launched.os().getOutputStream();
        try {
            pipe.write(frame);
            pipe.flush(); // and keep it open: closing it would tell the child we died
        } catch (IOException e) {
            kill(); // the child is gone or broken; its exit status says what happened
        }
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

    public boolean isAlive() { return !exit.isDone(); }

    /**
     * SIGTERM; nothing for an ended process. A child whose JVM is still booting (its signal handling not yet in
     * place, so no program code has run) is killed instead and reported as terminated (-15): the JDK's own SIGTERM
     * handling at that stage prints a "logging failed" error on the child's stderr.
     */
    public void terminate() {
        if (exit.isDone()) return;
        if (launched.slot() >= 0 && launched.board().peek(launched.slot(), StatusBoard.ARMED) == 0) {
            killedBooting = true;
            launched.os().toHandle().destroyForcibly();
        } else {
            launched.os().toHandle().destroy();
        }
    }

    private volatile boolean killedBooting;

    /** SIGKILL; nothing for an ended process. */
    public void kill() {
        if (!exit.isDone()) launched.os().toHandle().destroyForcibly();
    }

    private void awaitExit() {
        while (true) {
            try {
                launched.os().waitFor();
                break;
            } catch (InterruptedException e) {
                // nobody interrupts this thread; keep waiting: the exit must be recorded
            }
        }
        reaped();
    }

    private void reaped() {
        int status = launched.os().exitValue();
        byte[] report = launched.slot() >= 0 ? launched.board().release(launched.slot()) : new byte[2];
        try {
            launched.os().getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe's other end is gone already
        }
        int code = ExitStatus.decode(status, report[StatusBoard.EXITING] != 0, report[StatusBoard.SIGNAL]);
        if (killedBooting && code == -9) code = -15; // what terminate() asked for
        // A child that did not end normally could not close its named shared memory: remove what it alone used,
        // before join() returns, so the caller finds /dev/shm as the child's death left it to be.
        if (code != 0) Janitor.sweep();
        Children.remove(this); // before completing, so a returned join() never sees it among the active
        exit.complete(code);
    }
}
