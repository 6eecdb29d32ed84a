package io.baton.domain.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotDecayTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static ConcurrencyLimitV2 limit(String name, int limit, int active, int denied, double decay, double avg) {
        return new ConcurrencyLimitV2(UUID.randomUUID(), T0, T0, true, name, limit, active, denied, decay, avg);
    }

    @Test
    void activeSlotsDrainByWholeSlotsAndNeverGoNegative() {
        assertThat(SlotDecay.activeAfterDecay(3, 0.5, 1.9)).isEqualTo(3);
        assertThat(SlotDecay.activeAfterDecay(3, 0.5, 2.0)).isEqualTo(2);
        assertThat(SlotDecay.activeAfterDecay(3, 0.5, 5.99)).isEqualTo(1);
        assertThat(SlotDecay.activeAfterDecay(3, 0.5, 600)).isZero();
        assertThat(SlotDecay.activeAfterDecay(3, 0, 1e6)).isEqualTo(3);
    }

    @Test
    void elapsedTimeIsNeverNegative() {
        assertThat(SlotDecay.elapsedSeconds(T0.plusSeconds(5), T0)).isZero();
        assertThat(SlotDecay.elapsedSeconds(T0, T0.plusMillis(1500))).isEqualTo(1.5);
    }

    @Test
    void deniedSlotsDrainAtTheDecayRateOrOnePerAverageOccupancy() {
        assertThat(SlotDecay.deniedDecayRate(0.25, 2.0, 30)).isEqualTo(0.25);
        assertThat(SlotDecay.deniedDecayRate(0, 2.0, 30)).isEqualTo(0.5);
        // Occupancy is clamped to [0.1, max wait] before inverting.
        assertThat(SlotDecay.deniedDecayRate(0, 0.001, 30)).isCloseTo(10, within(1e-9));
        assertThat(SlotDecay.deniedDecayRate(0, 100, 30)).isCloseTo(1 / 30.0, within(1e-12));
        assertThat(SlotDecay.deniedDecayRate(0, 100, SlotDecay.maxWaitSeconds("tag:db", 30))).isCloseTo(0.1, within(1e-12));
        assertThat(SlotDecay.deniedAfterDecay(5, 0.5, 4.5)).isEqualTo(3);
        assertThat(SlotDecay.deniedAfterDecay(5, 0.5, 100)).isZero();
    }

    @Test
    void tagLimitsWaitAtMostTenSeconds() {
        assertThat(SlotDecay.maxWaitSeconds("tag:db", 30)).isEqualTo(10);
        assertThat(SlotDecay.maxWaitSeconds("deployment:x", 30)).isEqualTo(30);
        assertThat(SlotDecay.maxWaitSeconds("g1", 45)).isEqualTo(45);
    }

    @Test
    void aLimitDecaysAtReadTimeWithoutMovingUpdated() {
        ConcurrencyLimitV2 stored = limit("g1", 3, 3, 4, 0.5, 2.0);
        ConcurrencyLimitV2 read = stored.decayedAt(T0.plusSeconds(4), 30);
        assertThat(read.activeSlots()).isEqualTo(1);
        assertThat(read.deniedSlots()).isEqualTo(2);
        assertThat(read.updated()).isEqualTo(T0);
        assertThat(read.active()).isTrue();
    }

    @Test
    void averageOccupancyMovesTowardTheObservedOccupancy() {
        // Weight 1 / (2 * limit).
        assertThat(OccupancyAverage.next(2.0, 10, 1, 1)).isCloseTo(6.0, within(1e-12));
        assertThat(OccupancyAverage.next(2.0, 10, 2, 5)).isCloseTo(2.3, within(1e-12));
        // Per-slot occupancy has a 0.1 s floor; a zero-size limit keeps its estimate.
        assertThat(OccupancyAverage.next(2.0, 0.0, 1, 1)).isCloseTo(1.05, within(1e-12));
        assertThat(OccupancyAverage.next(2.0, 10, 1, 0)).isEqualTo(2.0);
    }

    @Test
    void retryAfterFollowsTheMostBackloggedLimit() {
        ConcurrencyLimitV2 calm = limit("calm", 10, 10, 0, 0, 3.0);
        ConcurrencyLimitV2 busy = limit("busy", 2, 2, 3, 0, 4.0);
        // busy: (1 + 3) / 2 = 2 slots of backlog at 4 s each = 8 s (below the 30 s cap).
        assertThat(RetryAfter.baseSeconds(List.of(calm, busy), 1, 30)).isCloseTo(8.0, within(1e-12));
        // Capped at the maximum wait; tag limits at 10 s.
        assertThat(RetryAfter.baseSeconds(List.of(limit("big", 1, 1, 50, 0, 5.0)), 1, 30)).isEqualTo(30);
        assertThat(RetryAfter.baseSeconds(List.of(limit("tag:t", 1, 1, 50, 0, 5.0)), 1, 30)).isEqualTo(10);
        // Rate limits: backlog slots / decay rate, uncapped.
        assertThat(RetryAfter.baseSeconds(List.of(limit("rate", 1, 1, 3, 0.1, 2.0)), 1, 30)).isCloseTo(40, within(1e-9));
        assertThat(RetryAfter.baseSeconds(List.of(), 1, 30)).isZero();
    }

    @Test
    void retryAfterJitterStaysNearTheBaseWait() {
        Random random = new Random(42);
        double sum = 0;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            double wait = RetryAfter.jittered(8.0, random);
            assertThat(wait).isGreaterThanOrEqualTo(8.0 * 0.75).isLessThanOrEqualTo(8.0 * 1.3 + 1e-9);
            sum += wait;
        }
        assertThat(sum / n).isCloseTo(8.0, within(0.5));
        assertThat(RetryAfter.jittered(0, random)).isZero();
    }
}
