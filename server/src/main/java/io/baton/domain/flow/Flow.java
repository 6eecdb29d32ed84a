package io.baton.domain.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A flow: a named piece of user code whose runs the server tracks. */
public record Flow(UUID id, Instant created, Instant updated, String name, List<String> tags, JsonNode labels) {}
