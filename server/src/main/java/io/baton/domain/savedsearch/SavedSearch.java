package io.baton.domain.savedsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A named set of UI filters. */
public record SavedSearch(UUID id, Instant created, Instant updated, String name, JsonNode filters) {}
