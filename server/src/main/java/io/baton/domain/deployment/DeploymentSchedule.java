package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One schedule of a deployment as stored and returned ({@code DeploymentSchedule}). */
public record DeploymentSchedule(UUID id, Instant created, Instant updated, UUID deploymentId, JsonNode schedule,
        boolean active, Integer maxScheduledRuns, JsonNode parameters, String slug) {}
