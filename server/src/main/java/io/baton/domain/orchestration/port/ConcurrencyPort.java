package io.baton.domain.orchestration.port;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** V2 concurrency slots. */
public interface ConcurrencyPort {

    /** The limits with these names that exist (active or not). */
    List<ConcurrencyLimit> findLimitsByName(Collection<String> names);

    /**
     * Takes {@code slots} on every given limit or on none of them. Inactive limits are ignored.
     * @return true when all slots were taken
     */
    boolean acquireSlots(Collection<UUID> limitIds, int slots);

    /** Gives back slots; {@code occupancy} (nullable) feeds the average-occupancy estimate. */
    void releaseSlots(Collection<UUID> limitIds, int slots, Duration occupancy);
}
