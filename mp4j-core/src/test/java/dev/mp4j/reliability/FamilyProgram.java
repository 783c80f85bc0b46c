package dev.mp4j.reliability;

import dev.mp4j.Barrier;
import dev.mp4j.Context;
import dev.mp4j.Manager;
import dev.mp4j.Pool;
import dev.mp4j.Process;
import dev.mp4j.StartMethod;

import java.util.List;

/**
 * A program with a whole family: a pool's two workers, a manager server, a child with a grandchild, and a WARM
 * context's standby JVM. It prints "pid N" for each, then "ready", then waits to be killed.
 */
public final class FamilyProgram {
    public interface Pid {
        long pid();
    }

    public static final class PidImpl implements Pid {
        @Override public long pid() { return ProcessHandle.current().pid(); }
    }

    public static void main(String[] args) throws Exception {
        var warm = Context.of(StartMethod.WARM);
        var pool = new Pool(2);
        Barrier both = new Barrier(2);
        // both workers at once: each task waits for the other
        for (long pid : pool.map(x -> { both.await(); return ProcessHandle.current().pid(); }, List.of(0, 1), 1))
            System.out.println("pid " + pid);
        var manager = Manager.builder().register("pid", Pid.class, PidImpl::new).start();
        Pid server = manager.create("pid");
        System.out.println("pid " + server.pid());
        var withChild = new Process(() -> {
            var grandchild = new Process(() -> {
                System.out.println("pid " + ProcessHandle.current().pid());
                Thread.sleep(60_000);
            });
            grandchild.start();
            System.out.println("pid " + ProcessHandle.current().pid());
            grandchild.join();
        });
        withChild.start();
        var warmChild = Process.builder().context(warm).target(() -> {
            System.out.println("pid " + ProcessHandle.current().pid());
            Thread.sleep(60_000);
        }).build();
        warmChild.start();
        Thread.sleep(3000); // the grandchild and the WARM replacement standby are up by now
        // everything else that descends from us (the standby JVM, helpers): must go too
        ProcessHandle.current().descendants().forEach(h -> System.out.println("pid " + h.pid()));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
