package io.baton.domain.concurrency;

/**
 * The running estimate of how long one slot stays occupied: every release with a known occupancy moves the
 * average toward {@code occupancy / slots} with weight {@code 1 / (2 * limit)}, i.e. roughly an average over
 * the last {@code 2 * limit} releases.
 */
public final class OccupancyAverage {

    private OccupancyAverage() {}

    public static double next(double average, double occupancySeconds, int slots, int limit) {
        if (limit <= 0 || slots <= 0) {
            return average;
        }
        double perSlot = Math.max(occupancySeconds / slots, SlotDecay.MIN_OCCUPANCY_SECONDS);
        double weight = 1.0 / (limit * 2.0);
        return average + perSlot * weight - average * weight;
    }
}
