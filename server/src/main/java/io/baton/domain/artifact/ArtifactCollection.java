package io.baton.domain.artifact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** The latest artifact of a key, kept alongside the artifacts themselves. */
public record ArtifactCollection(UUID id, Instant created, Instant updated, String key, UUID latestId, String type,
        String description, JsonNode data, @JsonProperty("metadata_") JsonNode metadata, UUID flowRunId,
        UUID taskRunId) {}
