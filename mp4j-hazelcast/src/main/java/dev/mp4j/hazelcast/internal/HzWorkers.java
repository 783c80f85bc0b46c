package dev.mp4j.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.mp4j.Mp4jException;
import dev.mp4j.WorkerLostException;
import dev.mp4j.internal.backend.Backends;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A pool's workers on the cluster: each task goes to a member of the cluster's executor {@value #EXECUTOR}, members
 * taken in turn. A member that leaves (killed, cut off) while running a task fails it with a member-left error;
 * the task then runs again on another member, up to {@link #ATTEMPTS} times in all, after which it fails with
 * {@link WorkerLostException}. Nothing waits for a member without Hazelcast watching it.
 */
final class HzWorkers implements Backends.OfWorkers {
    static final String EXECUTOR = "mp4j.pool";
    static final int ATTEMPTS = 3;

    private final Conn conn;
    private final int parallelism;
    private final AtomicInteger next = new AtomicInteger();
    /** Members that lost a task lately (until they leave the member list, tasks go elsewhere), by when. */
    private static final java.util.Map<java.util.UUID, Long> SUSPECTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long SUSPECT_NANOS = 30_000_000_000L;

    HzWorkers(Conn conn, int parallelism) {
        this.conn = conn;
        this.parallelism = parallelism;
    }

    @Override public int parallelism() { return parallelism; }

    @Override
    public Future<?> execute(byte[] task, BiConsumer<byte[], Throwable> done) {
        var handle = new CompletableFuture<Void>();
        submit(new HzTask(conn.clusterName(), task), done, handle, 1, null);
        return handle;
    }

    private void submit(HzTask task, BiConsumer<byte[], Throwable> done, CompletableFuture<Void> handle, int attempt, Member avoid) {
        try {
            trySubmit(task, done, handle, attempt, avoid);
        } catch (RuntimeException e) {
            done.accept(null, new Mp4jException("could not send a pool task to the cluster: " + e, e));
        }
    }

    private void trySubmit(HzTask task, BiConsumer<byte[], Throwable> done, CompletableFuture<Void> handle, int attempt, Member avoid) {
        var hz = conn.instance();
        IExecutorService exec = hz.getExecutorService(EXECUTOR);
        List<Member> members = new ArrayList<>(hz.getCluster().getMembers());
        if (avoid != null && members.size() > 1) members.remove(avoid);
        long now = System.nanoTime();
        SUSPECTS.values().removeIf(t -> now - t > SUSPECT_NANOS);
        if (members.stream().anyMatch(m -> !SUSPECTS.containsKey(m.getUuid()))) members.removeIf(m -> SUSPECTS.containsKey(m.getUuid()));
        if (members.isEmpty()) {
            done.accept(null, new WorkerLostException("no cluster member to run the task on"));
            return;
        }
        Member member = members.get(Math.floorMod(next.getAndIncrement(), members.size()));
        exec.submitToMember(task, member, new ExecutionCallback<byte[]>() {
            @Override public void onResponse(byte[] reply) {
                if (!handle.isCancelled()) done.accept(reply, null);
            }

            @Override public void onFailure(Throwable t) {
                if (handle.isCancelled()) return;
                if (lost(t)) {
                    SUSPECTS.put(member.getUuid(), System.nanoTime());
                    if (attempt < ATTEMPTS) {
                        // run it again elsewhere; from a fresh thread, not Hazelcast's callback thread
                        Thread.ofVirtual().start(() -> submit(task, done, handle, attempt + 1, member));
                    } else {
                        done.accept(null, new WorkerLostException("cluster member " + member.getAddress()
                            + " left while running the task (tried " + attempt + " members)", t));
                    }
                } else {
                    done.accept(null, new Mp4jException("could not run a pool task on cluster member "
                        + member.getAddress() + ": " + t, t));
                }
            }
        });
    }

    static boolean lost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException || c instanceof TargetDisconnectedException) return true;
        }
        return false;
    }

    @Override public void shutdown() { }

    @Override public String describe() { return "cluster " + conn.clusterName(); }
}
