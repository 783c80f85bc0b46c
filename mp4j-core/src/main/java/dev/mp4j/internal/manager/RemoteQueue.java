package dev.mp4j.internal.manager;

import dev.mp4j.internal.backend.Backends;

import java.io.Serial;

/** Client side of a manager queue. */
final class RemoteQueue implements Backends.OfQueue {
    @Serial private static final long serialVersionUID = 1L;

    private final Stub stub;

    RemoteQueue(ProxyRef ref) { this.stub = new Stub(ref); }

    @Override public void put(Object item, long timeoutNanos) { stub.call("put", item, timeoutNanos); }
    @Override public Object get(long timeoutNanos) { return stub.call("get", timeoutNanos); }
    @Override public int qsize() { return (Integer) stub.call("qsize"); }
    @Override public boolean isEmpty() { return (Boolean) stub.call("isEmpty"); }
    @Override public boolean isFull() { return (Boolean) stub.call("isFull"); }
    @Override public void shutdown(boolean immediate) { stub.call("shutdown", immediate); }
    @Override public void taskDone() { stub.call("taskDone"); }
    @Override public void join() { stub.call("join"); }
    @Override public String describe() { return (String) stub.call("describe"); }

    @Override public boolean equals(Object o) { return o instanceof RemoteQueue r && r.stub.equals(stub); }
    @Override public int hashCode() { return stub.hashCode(); }
}
