package dev.mp4j.bench;

import java.util.function.DoubleSupplier;

/**
 * One figure measured in mp4j and in Python: what it is, its unit, which way is better, how each side measures
 * it (a Java supplier; a Python expression over py_baseline, bound to {@code b}), and the target if any.
 */
public record Workload(String name, String unit, boolean lowerIsBetter, DoubleSupplier mp4j, String python,
                       Double target) {

    /** How many times better mp4j is than Python (above 1: mp4j wins), or NaN without a Python figure. */
    public double advantage(double mine, double theirs) {
        if (Double.isNaN(theirs) || theirs == 0 || mine == 0) return Double.NaN;
        return lowerIsBetter ? theirs / mine : mine / theirs;
    }

    /** Whether {@code mine} meets the target; null where there is none. */
    public Boolean met(double mine) {
        if (target == null) return null;
        return lowerIsBetter ? mine <= target : mine >= target;
    }
}
