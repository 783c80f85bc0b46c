package dev.mp4j.examples.locks;

import dev.mp4j.Lock;
import dev.mp4j.Process;

import java.util.ArrayList;

/**
 * Seed 10. Seed 9's ten named greeters, each print guarded by one Lock created in the parent and passed to the
 * children. Python: {@code lock.acquire(); print(...); lock.release()}.
 */
public final class GreetingsUnderLock {
    static void greet(Lock lock) {
        lock.acquire();
        try {
            var me = Process.current();
            System.out.println("Hi, I am " + me.name() + " with pid " + me.pid());
        } finally {
            lock.release();
        }
    }

    public static void main(String[] args) {
        var lock = new Lock();
        var procs = new ArrayList<Process>();
        for (int i = 0; i < 10; i++) procs.add(new Process(Integer.toString(i), () -> greet(lock)));
        procs.forEach(Process::start);
        procs.forEach(Process::join);
    }
}
