package dev.mp4j.internal.manager;

import dev.mp4j.Connection;
import dev.mp4j.Mp4jException;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.SerializableRunnable;
import dev.mp4j.SerializableSupplier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link ManagerServer} in a child process, as Python's {@code BaseManager.start()} does: the child
 * binds the address, reports the bound address (or why it could not bind) through a one-way pipe, and serves
 * until a client asks it to shut down. Being an mp4j child, it dies with its parent.
 */
public final class ServerProcess {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("mp4j.manager.startSeconds", 60));

    private final Process process;
    private final SocketAddress address;

    private ServerProcess(Process process, SocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** A fresh Unix-domain socket path in the temp directory, for managers given no address. */
    public static SocketAddress defaultAddress() {
        byte[] random = new byte[8];
        new java.security.SecureRandom().nextBytes(random);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        return UnixDomainSocketAddress.of(dir.resolve("mp4j-mgr-" + HexFormat.of().formatHex(random) + ".sock"));
    }

    /** Starts the server process and waits until it serves; bind failures are rethrown here. */
    public static ServerProcess start(SocketAddress address, byte[] authkey, Map<String, Registration> types,
                                      dev.mp4j.Context context) {
        Pipe<Object> pipe = Pipe.open(false);
        Connection<Object> report = pipe.right();
        // Plain values only (strings, bytes, lists, a factory lambda): Java serialization of a record and a socket
        // address cost the cold server child ~100 ms of its start (ObjectInputStream's set-up, record support).
        Object where = addressForm(address);
        byte[] key = authkey.clone();
        List<Object> registered = typesForm(types);
        SerializableRunnable target = () -> serve(where, key, registered, report);
        Process p = Process.builder().name("Manager-" + COUNT.incrementAndGet()).daemon(true)
            .context(context).target(target).build();
        Connection<Object> reader = pipe.left();
        try {
            p.start();
            report.close(); // only the child writes
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            while (!reader.poll(Duration.ofMillis(20))) {
                if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                    p.kill();
                    p.join();
                    throw new Mp4jException("the manager process " + (p.exitCode() == null ? "did not start serving in time"
                        : "ended with exit code " + p.exitCode() + " before serving"));
                }
            }
            Object answer = reader.recv();
            if (answer instanceof Failure f) {
                p.join();
                if (f.error() instanceof RuntimeException r) throw r;
                throw new Mp4jException("the manager process could not start: " + f.error(), f.error());
            }
            SocketAddress bound = address(answer);
            if (bound instanceof UnixDomainSocketAddress u) {
                // a server killed outright cannot remove its socket file: its parent does
                p.onExit().thenRun(() -> deleteQuietly(u.getPath()));
            }
            return new ServerProcess(p, bound);
        } finally {
            reader.close();
            report.close();
        }
    }

    public SocketAddress address() { return address; }

    public Process process() { return process; }

    /** Waits for the process to end after a shutdown request; kills it if it does not within a few seconds. */
    public void awaitExit() {
        if (!process.join(Duration.ofSeconds(5))) {
            process.kill();
            process.join();
        }
        if (address instanceof UnixDomainSocketAddress u) deleteQuietly(u.getPath());
    }

    /** Ends the server process at once (when it cannot be asked politely). */
    public void kill() {
        process.kill();
        awaitExit();
    }

    private static void deleteQuietly(Path path) {
        try { Files.deleteIfExists(path); } catch (IOException ignored) { }
    }

    private static void serve(Object where, byte[] authkey, List<Object> registered, Connection<Object> report) {
        ManagerServer server;
        try {
            server = ManagerServer.start(address(where), authkey, types(registered));
        } catch (RuntimeException e) {
            report.send(new Failure(e));
            report.close();
            return;
        }
        // terminated with its parent (a daemon child when main returns): still remove the socket file
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mp4j-manager-stop"));
        // killed with its parent, it halts without hooks, and the parent that would remove the file is gone too
        if (server.address() instanceof UnixDomainSocketAddress u)
            dev.mp4j.internal.runtime.ChildMain.onParentDeath(() -> deleteQuietly(u.getPath()));
        report.send(addressForm(server.address()));
        report.close();
        server.awaitStop();
    }

    /** A Unix-domain or TCP address as a string ("unix:path", "tcp:host:port"); any other kind as itself. */
    static Object addressForm(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress u) return "unix:" + u.getPath();
        if (address instanceof InetSocketAddress i) return "tcp:" + i.getHostString() + ":" + i.getPort();
        return address;
    }

    /** The address {@link #addressForm} describes. */
    static SocketAddress address(Object form) {
        if (!(form instanceof String s)) return (SocketAddress) form;
        if (s.startsWith("unix:")) return UnixDomainSocketAddress.of(s.substring("unix:".length()));
        int colon = s.lastIndexOf(':');
        return new InetSocketAddress(s.substring("tcp:".length(), colon), Integer.parseInt(s.substring(colon + 1)));
    }

    /** Registered types as [type id, interface name, factory] triples: the factory travels as a lambda's fields. */
    private static List<Object> typesForm(Map<String, Registration> types) {
        var form = new ArrayList<Object>();
        for (var e : types.entrySet()) {
            form.add(new ArrayList<>(List.of(e.getKey(), e.getValue().type().getName(), e.getValue().factory())));
        }
        return form;
    }

    private static Map<String, Registration> types(List<Object> form) {
        var types = new LinkedHashMap<String, Registration>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = ServerProcess.class.getClassLoader();
        for (Object entry : form) {
            List<?> f = (List<?>) entry;
            Class<?> type;
            try {
                type = Class.forName((String) f.get(1), false, loader);
            } catch (ClassNotFoundException e) {
                throw new Mp4jException("the manager process cannot load registered type " + f.get(1), e);
            }
            types.put((String) f.get(0), new Registration(type, (SerializableSupplier<?>) f.get(2)));
        }
        return types;
    }
}
