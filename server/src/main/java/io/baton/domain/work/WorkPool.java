package io.baton.domain.work;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A work pool as the API returns it ({@code WorkPoolResponse}). */
public record WorkPool(UUID id, Instant created, Instant updated, String name, String description, String type,
        JsonNode baseJobTemplate, @JsonProperty("is_paused") boolean isPaused, Integer concurrencyLimit, String status,
        UUID defaultQueueId, JsonNode storageConfiguration, Integer activeSlots) {

    public static final String DEFAULT_AGENT_POOL = "default-agent-pool";
    public static final String DEFAULT_AGENT_POOL_TYPE = "prefect-agent";
    public static final String DEFAULT_QUEUE = "default";
    public static final String DEFAULT_QUEUE_DESCRIPTION = "The work pool's default queue.";
    public static final String RESERVED_MESSAGE = "Work pools starting with 'Prefect' are reserved for internal use.";

    /** Names starting with "prefect" (any case) belong to Prefect's own pools. */
    public static boolean isReserved(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).startsWith("prefect");
    }
}
