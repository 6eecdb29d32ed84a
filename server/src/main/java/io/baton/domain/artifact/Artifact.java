package io.baton.domain.artifact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** Something a run produced for people to look at (markdown, table, link, result...). */
public record Artifact(UUID id, Instant created, Instant updated, String key, String type, String description,
        JsonNode data, @JsonProperty("metadata_") JsonNode metadata, UUID flowRunId, UUID taskRunId) {}
