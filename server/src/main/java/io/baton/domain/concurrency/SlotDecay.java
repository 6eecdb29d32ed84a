package io.baton.domain.concurrency;

import java.time.Duration;
import java.time.Instant;

/**
 * Lazy slot decay. Rows are never touched by a timer: whoever reads or writes a limit computes how many slots
 * have drained since the row's {@code updated} timestamp. Active slots drain at {@code slot_decay_per_second}
 * (rate limits only). Denied slots, the backlog used to estimate Retry-After, drain at the same rate for rate
 * limits and at one per average occupancy for concurrency limits. The SQL in the JDBC layer computes exactly the
 * same values so that the conditional UPDATE and readers agree.
 */
public final class SlotDecay {

    /** Slot wait cap for {@code tag:} limits ({@code server.tasks.tag_concurrency_slot_wait_seconds}). */
    public static final double TAG_MAX_WAIT_SECONDS = 10;
    /** Default of {@code server.concurrency.maximum_concurrency_slot_wait_seconds}. */
    public static final double DEFAULT_MAX_WAIT_SECONDS = 30;
    /** Occupancy estimates never go below this, so the denied-slot drain rate stays bounded. */
    public static final double MIN_OCCUPANCY_SECONDS = 0.1;

    private SlotDecay() {}

    /** Seconds from {@code since} to {@code now}; never negative (replica clocks may disagree slightly). */
    public static double elapsedSeconds(Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        return d.isNegative() ? 0 : d.getSeconds() + d.getNano() / 1e9;
    }

    public static int activeAfterDecay(int activeSlots, double decayPerSecond, double elapsedSeconds) {
        return Math.max(0, activeSlots - (int) Math.floor(decayPerSecond * elapsedSeconds));
    }

    public static int deniedAfterDecay(int deniedSlots, double drainPerSecond, double elapsedSeconds) {
        return Math.max(0, deniedSlots - (int) Math.floor(drainPerSecond * elapsedSeconds));
    }

    /** Denied slots drain like active ones for rate limits, else one per (clamped) average occupancy. */
    public static double deniedDecayRate(double decayPerSecond, double avgOccupancySeconds, double maxWaitSeconds) {
        if (decayPerSecond > 0) {
            return decayPerSecond;
        }
        return 1.0 / clamp(avgOccupancySeconds, MIN_OCCUPANCY_SECONDS, Math.max(MIN_OCCUPANCY_SECONDS, maxWaitSeconds));
    }

    /** Tag limits wait at most 10 s, every other limit at most the configured maximum. */
    public static double maxWaitSeconds(String limitName, double configuredMaxWaitSeconds) {
        return limitName.startsWith(ConcurrencyLimitV2.TAG_PREFIX) ? TAG_MAX_WAIT_SECONDS : configuredMaxWaitSeconds;
    }

    static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
