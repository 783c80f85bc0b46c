package dev.mp4j.bench;

import dev.mp4j.StartMethod;
import dev.mp4j.bench.messaging.MessagingBench;
import dev.mp4j.bench.sync.SyncBench;

import java.util.ArrayList;
import java.util.List;

/** Every workload of ../shared/bench/py_baseline.py, with its mp4j counterpart and the issues' targets. */
final class Workloads {
    private Workloads() {}

    static List<Workload> all() {
        var w = new ArrayList<Workload>();
        w.add(new Workload("process start+join, SPAWN vs spawn", "ms", true,
            () -> StartJoin.backToBack(StartMethod.SPAWN, 20), "b.start_join('spawn')", 45.0));
        w.add(new Workload("process start+join, WARM (standby ready) vs fork", "ms", true,
            () -> StartJoin.withStandbyReady(10), "b.start_join('fork')", 2.0));
        w.add(new Workload("process start+join, WARM back to back vs forkserver", "ms", true,
            () -> StartJoin.backToBack(StartMethod.WARM, 20), "b.start_join('forkserver')", null));
        w.add(new Workload("idle child RSS", "MB", true, StartJoin::idleChildRssMb, "b.idle_child_rss()", 48.0));
        w.add(new Workload("Queue small items, 1 producer process", "msg/s", false,
            () -> MessagingBench.queueThroughput(2_000_000)[0], "b.queue_tput()", null));
        w.add(new Workload("Queue 1 MiB items", "MB/s", false,
            () -> MessagingBench.queueBytes(2000, 1 << 20)[0], "b.queue_bytes()", null));
        w.add(new Workload("Pipe round trip", "us", true,
            () -> MessagingBench.pipeRoundTrip(200_000), "b.pipe_rtt()", null));
        w.add(new Workload("Lock acquire+release, uncontended", "ns", true,
            SyncBench::lockUncontendedNs, "b.lock_uncontended()", 20.0));
        w.add(new Workload("Value += 1 under its lock, 2 processes", "ops/s", false,
            SyncBench::valueIncrementsPerSecond, "b.value_lock()", 10e6));
        w.add(new Workload("wake-up of a waiter in another process (median)", "us", true,
            SyncBench::wakeLatencyMedianMicros, "__import__('sync_wake_latency').wake_latency()", null));
        return w;
    }

    /** Speed-up at 1, 2, 4, ... workers up to the cores available. */
    static List<Report.Point> scaling() {
        return List.of();
    }
}
