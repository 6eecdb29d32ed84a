package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deployment as the API returns it ({@code DeploymentResponse}): schedules newest-updated first,
 * {@code job_variables} are the stored infrastructure overrides, the legacy {@code concurrency_limit} is
 * always null and the limit is exposed as {@code global_concurrency_limit}.
 */
public record Deployment(UUID id, Instant created, Instant updated, String name, String version, String description,
        UUID flowId, boolean paused, List<DeploymentSchedule> schedules, Integer concurrencyLimit,
        GlobalConcurrencyLimit globalConcurrencyLimit, JsonNode concurrencyOptions, JsonNode jobVariables,
        JsonNode parameters, List<String> tags, JsonNode labels, String workQueueName, UUID workQueueId,
        Instant lastPolled, JsonNode parameterOpenapiSchema, String path, JsonNode pullSteps, String entrypoint,
        UUID storageDocumentId, UUID infrastructureDocumentId, JsonNode createdBy, JsonNode updatedBy,
        String workPoolName, String status, boolean enforceParameterSchema) {

    /** The name of the V2 limit row that enforces a deployment's concurrency limit. */
    public static String limitName(UUID deploymentId) {
        return "deployment:" + deploymentId;
    }

    /** The label every deployment carries, naming its flow. */
    public static final String FLOW_ID_LABEL = "prefect.flow.id";
}
