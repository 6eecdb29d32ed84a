package io.baton.domain.work;

import com.fasterxml.jackson.databind.JsonNode;

/** A queue to create: {@code priority} null means "after the last queue of the pool". */
public record WorkQueueSpec(String name, String description, boolean isPaused, Integer concurrencyLimit,
        Integer priority, JsonNode filter) {}
