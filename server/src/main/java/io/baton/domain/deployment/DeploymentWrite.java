package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import java.util.List;
import java.util.UUID;

/**
 * The fields of a deployment create (upsert) or update. A null {@link Change} is a field the request did
 * not set: an insert then takes the column default, an update (and the update half of an upsert) leaves
 * the stored value alone, as Prefect's {@code exclude_unset} does.
 *
 * @param name   the deployment name (upserts only)
 * @param flowId the flow (upserts only)
 * @param scheduleUpdates the schedules of an update ({@code DeploymentUpdate.schedules}), applied by
 *                        {@link SchedulePlan}; upserts set {@code schedules} instead
 */
public record DeploymentWrite(String name, UUID flowId, Change<String> version, Change<String> description,
        Change<Boolean> paused, Change<List<ScheduleSpec>> schedules, Change<Integer> concurrencyLimit,
        Change<JsonNode> concurrencyOptions, Change<UUID> globalConcurrencyLimitId,
        Change<Boolean> enforceParameterSchema, Change<JsonNode> parameterOpenapiSchema, Change<JsonNode> parameters,
        Change<List<String>> tags, Change<JsonNode> labels, Change<JsonNode> pullSteps, Change<String> workQueueName,
        Change<String> workPoolName, Change<UUID> storageDocumentId, Change<UUID> infrastructureDocumentId,
        Change<String> path, Change<String> entrypoint, Change<JsonNode> jobVariables,
        Change<List<ScheduleUpdate>> scheduleUpdates) {}
