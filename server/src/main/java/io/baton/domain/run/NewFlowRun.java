package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.StateCreate;
import java.util.List;
import java.util.UUID;

/**
 * A flow run to create ({@code FlowRunCreate}). {@code state} null means PENDING; {@code name} null means a
 * generated slug; {@code labels} are the caller's, merged over the system labels.
 */
public record NewFlowRun(UUID flowId, String name, StateCreate state, String flowVersion, JsonNode parameters,
                         JsonNode context, UUID parentTaskRunId, UUID infrastructureDocumentId,
                         FlowRunPolicy empiricalPolicy, List<String> tags, JsonNode labels, String idempotencyKey,
                         String workPoolName, String workQueueName, JsonNode jobVariables, UUID deploymentId) {
}
