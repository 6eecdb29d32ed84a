package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A trigger that fired: when, for which {@code for_each} labels, and on which event (null if none). */
public record Firing(UUID id, UUID triggerId, Instant triggered, Map<String, String> triggeringLabels,
                     JsonNode triggeringEvent) {}
