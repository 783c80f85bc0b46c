package dev.mp4j.internal.sync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpinBudgetTest {
    @Test
    void missesHalveDownToTheFloorAndCatchesGrowBackToTheMaximum() {
        var b = new SpinBudget(64_000);
        assertEquals(64_000, b.next());
        for (int i = 0; i < 20; i++) b.missed();
        assertEquals(SpinBudget.MIN_NANOS, b.next());
        b.caught(5_000, SpinBudget.MIN_NANOS); // answered after the budget: a descheduled spinner, not a catch
        assertEquals(SpinBudget.MIN_NANOS, b.next());
        b.caught(500, SpinBudget.MIN_NANOS);
        assertEquals(2 * SpinBudget.MIN_NANOS, b.next());
        b.caught(1_500, 2 * SpinBudget.MIN_NANOS);
        assertEquals(4 * SpinBudget.MIN_NANOS, b.next());
        for (int i = 0; i < 20; i++) b.caught(10, 64_000);
        assertEquals(64_000, b.next());
    }

    @Test
    void everyProbeSpinsTheWholeMaximum() {
        var b = new SpinBudget(200_000);
        for (int i = 0; i < 30; i++) b.missed();
        int probes = 0;
        for (int i = 0; i < 10 * SpinBudget.PROBE_EVERY; i++) if (b.next() == 200_000) probes++;
        assertEquals(10, probes);
    }

    @Test
    void zeroNeverSpins() {
        var b = new SpinBudget(0);
        b.caught(0, 0);
        b.missed();
        for (int i = 0; i < 2 * SpinBudget.PROBE_EVERY; i++) assertEquals(0, b.next());
    }
}
