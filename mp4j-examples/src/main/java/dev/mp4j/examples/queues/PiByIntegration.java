package dev.mp4j.examples.queues;

import dev.mp4j.Mp;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.util.ArrayList;

/**
 * Seed 6. π as the integral of 4/(1+x²) over [0, 1], by the midpoint rule over 10 000 000 steps: each of
 * {@code cpu_count} processes sums a strided share ({@code range(rank, n, nprocs)}) and puts its partial sum in
 * a Queue; the parent adds them up. Data decomposition.
 */
public final class PiByIntegration {
    static void piPart(int rank, int nprocs, int n, Queue<Double> q) {
        double h = 1.0 / n, sum = 0;
        for (int i = rank; i < n; i += nprocs) {
            double x = h * (i + 0.5);
            sum += 4 / (1 + x * x);
        }
        q.put(sum * h);
    }

    public static void main(String[] args) {
        int n = 10_000_000;
        int nprocs = Mp.cpuCount();
        var q = new Queue<Double>();
        var procs = new ArrayList<Process>();
        for (int rank = 0; rank < nprocs; rank++) {
            int r = rank;
            procs.add(new Process(() -> piPart(r, nprocs, n, q)));
        }
        procs.forEach(Process::start);
        double pi = 0;
        for (int i = 0; i < nprocs; i++) pi += q.get();
        procs.forEach(Process::join);
        System.out.println("pi = " + pi);
    }
}
