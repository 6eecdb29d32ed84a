package io.baton.domain.concurrency;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A global (V2) concurrency limit as stored: {@code activeSlots} and {@code deniedSlots} are the values written
 * at {@code updated}; {@link #decayedAt} gives the values a reader sees later. {@code slotDecayPerSecond} 0 makes
 * it a concurrency limit, above 0 a rate limit. Names {@code tag:<tag>} are task tag limits,
 * {@code deployment:<id>} deployment limits.
 */
public record ConcurrencyLimitV2(UUID id, Instant created, Instant updated, boolean active, String name, int limit,
                                 int activeSlots, int deniedSlots, double slotDecayPerSecond,
                                 double avgSlotOccupancySeconds) {

    public static final String TAG_PREFIX = "tag:";
    public static final double DEFAULT_AVG_SLOT_OCCUPANCY_SECONDS = 2.0;

    public boolean isTagLimit() {
        return name.startsWith(TAG_PREFIX);
    }

    public boolean isRateLimit() {
        return slotDecayPerSecond > 0;
    }

    /** The tag of a {@code tag:<tag>} limit. */
    public String tag() {
        return name.substring(TAG_PREFIX.length());
    }

    /** The limit with lazy decay applied up to {@code now}; {@code updated} stays as stored. */
    public ConcurrencyLimitV2 decayedAt(Instant now, double configuredMaxWaitSeconds) {
        double elapsed = SlotDecay.elapsedSeconds(updated, now);
        int active = SlotDecay.activeAfterDecay(activeSlots, slotDecayPerSecond, elapsed);
        double maxWait = SlotDecay.maxWaitSeconds(name, configuredMaxWaitSeconds);
        int denied = SlotDecay.deniedAfterDecay(deniedSlots,
                SlotDecay.deniedDecayRate(slotDecayPerSecond, avgSlotOccupancySeconds, maxWait), elapsed);
        return new ConcurrencyLimitV2(id, created, updated, this.active, name, limit, active, denied, slotDecayPerSecond,
                avgSlotOccupancySeconds);
    }

    public Duration maxWait(double configuredMaxWaitSeconds) {
        return Duration.ofMillis(Math.round(SlotDecay.maxWaitSeconds(name, configuredMaxWaitSeconds) * 1000));
    }
}
