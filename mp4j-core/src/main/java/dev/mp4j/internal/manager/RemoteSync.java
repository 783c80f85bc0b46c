package dev.mp4j.internal.manager;

import dev.mp4j.internal.backend.Backends;

import java.io.Serial;

/** Client sides of the manager's semaphores, conditions, events and barriers: one round trip per call. */
final class RemoteSync {
    private RemoteSync() {}

    private static long me() { return Thread.currentThread().threadId(); }

    static final class OfSemaphore implements Backends.OfSemaphore {
        @Serial private static final long serialVersionUID = 1L;
        private final Stub stub;

        OfSemaphore(ProxyRef ref) { this.stub = new Stub(ref); }

        @Override public boolean acquire(long timeoutNanos) { return (Boolean) stub.call("acquire", timeoutNanos); }
        @Override public void release() { stub.call("release"); }
        @Override public int value() { return (Integer) stub.call("value"); }
        @Override public String describe(String type) { return (String) stub.call("describe", type); }
        @Override public boolean equals(Object o) { return o instanceof OfSemaphore r && r.stub.equals(stub); }
        @Override public int hashCode() { return stub.hashCode(); }
    }

    static final class OfCondition implements Backends.OfCondition {
        @Serial private static final long serialVersionUID = 1L;
        private final Stub stub;

        OfCondition(ProxyRef ref) { this.stub = new Stub(ref); }

        @Override public boolean acquire(long timeoutNanos) { return (Boolean) stub.call("acquire", me(), timeoutNanos); }
        @Override public void release() { stub.call("release", me()); }
        @Override public boolean await(long timeoutNanos) { return (Boolean) stub.call("await", me(), timeoutNanos); }
        @Override public void signal(int n) { stub.call("signal", me(), n); }
        @Override public String describe() { return (String) stub.call("describe"); }
        @Override public boolean equals(Object o) { return o instanceof OfCondition r && r.stub.equals(stub); }
        @Override public int hashCode() { return stub.hashCode(); }
    }

    static final class OfEvent implements Backends.OfEvent {
        @Serial private static final long serialVersionUID = 1L;
        private final Stub stub;

        OfEvent(ProxyRef ref) { this.stub = new Stub(ref); }

        @Override public void set() { stub.call("set"); }
        @Override public void clear() { stub.call("clear"); }
        @Override public boolean isSet() { return (Boolean) stub.call("isSet"); }
        @Override public boolean await(long timeoutNanos) { return (Boolean) stub.call("await", timeoutNanos); }
        @Override public boolean equals(Object o) { return o instanceof OfEvent r && r.stub.equals(stub); }
        @Override public int hashCode() { return stub.hashCode(); }
    }

    static final class OfBarrier implements Backends.OfBarrier {
        @Serial private static final long serialVersionUID = 1L;
        private final Stub stub;

        OfBarrier(ProxyRef ref) { this.stub = new Stub(ref); }

        @Override public int await(long timeoutNanos) { return (Integer) stub.call("await", timeoutNanos); }
        @Override public void reset() { stub.call("reset"); }
        @Override public void abort() { stub.call("abort"); }
        @Override public int parties() { return (Integer) stub.call("parties"); }
        @Override public int nWaiting() { return (Integer) stub.call("nWaiting"); }
        @Override public boolean isBroken() { return (Boolean) stub.call("isBroken"); }
        @Override public boolean equals(Object o) { return o instanceof OfBarrier r && r.stub.equals(stub); }
        @Override public int hashCode() { return stub.hashCode(); }
    }
}
