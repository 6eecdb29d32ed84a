package io.baton.domain.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A trigger and the actions to run when it fires (stored and served; evaluation is elsewhere). */
public record Automation(String name, String description, boolean enabled, List<String> tags, JsonNode trigger,
        JsonNode actions, JsonNode actionsOnTrigger, JsonNode actionsOnResolve, UUID id, Instant created,
        Instant updated) {}
