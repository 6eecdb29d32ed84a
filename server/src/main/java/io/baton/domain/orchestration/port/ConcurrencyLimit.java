package io.baton.domain.orchestration.port;

import java.util.UUID;

/**
 * A V2 concurrency limit as rules see it. {@code activeSlots} is the decayed value at read time;
 * {@code avgSlotOccupancySeconds} drives the tag-limit wait estimate.
 */
public record ConcurrencyLimit(UUID id, String name, int limit, boolean active, int activeSlots,
                               double avgSlotOccupancySeconds) {

    /** Share of the limit in use, the measure for "most utilised". */
    public double utilisation() {
        return limit <= 0 ? Double.POSITIVE_INFINITY : (double) activeSlots / limit;
    }
}
