package dev.mp4j.internal.manager;

import dev.mp4j.internal.backend.Backends;

import java.io.Serial;

/**
 * Client side of a manager lock. Calls name the calling thread, so an RLock's owner is this process's
 * session plus that thread, whichever pooled connection carries the call.
 */
final class RemoteLock implements Backends.OfLock {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;

    RemoteLock(ProxyRef ref) { this.stub = new Stub(ref); }

    private static long me() { return Thread.currentThread().threadId(); }

    @Override public boolean acquire(long timeoutNanos) { return (Boolean) stub.call("acquire", me(), timeoutNanos); }
    @Override public void release() { stub.call("release", me()); }
    @Override public boolean isLocked() { return (Boolean) stub.call("isLocked"); }
    @Override public boolean heldByCurrentThread() { return (Boolean) stub.call("heldBy", me()); }
    @Override public boolean previousOwnerDied() { return (Boolean) stub.call("previousOwnerDied", me()); }
    @Override public String describe(String type) { return (String) stub.call("describe", type); }

    @Override public boolean equals(Object o) { return o instanceof RemoteLock r && r.stub.equals(stub); }
    @Override public int hashCode() { return stub.hashCode(); }
}
