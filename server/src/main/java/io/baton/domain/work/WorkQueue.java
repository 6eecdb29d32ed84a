package io.baton.domain.work;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A work queue as the API returns it ({@code WorkQueueResponse}). */
public record WorkQueue(UUID id, Instant created, Instant updated, String name, String description,
        @JsonProperty("is_paused") boolean isPaused, Integer concurrencyLimit, int priority, UUID workPoolId,
        JsonNode filter, Instant lastPolled, String workPoolName, String status, Integer activeSlots) {

    /** An unpaused queue counts as READY when it was polled this recently (hard-coded upstream). */
    public static final Duration READY_POLL_WINDOW = Duration.ofSeconds(60);

    /** The status a queue takes when its pause flag changes. */
    public static String statusAfterPauseChange(boolean paused, Instant lastPolled, Instant now) {
        if (paused) {
            return "PAUSED";
        }
        return lastPolled != null && lastPolled.isAfter(now.minus(READY_POLL_WINDOW)) ? "READY" : "NOT_READY";
    }
}
