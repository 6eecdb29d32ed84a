package io.baton.domain.variable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A named JSON value shared by flows. */
public record Variable(UUID id, Instant created, Instant updated, String name, JsonNode value, List<String> tags) {}
