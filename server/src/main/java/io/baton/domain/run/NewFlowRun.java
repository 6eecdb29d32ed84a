package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.StateCreate;
import java.util.List;
import java.util.UUID;

/**
 * A flow run to create ({@code FlowRunCreate}). {@code state} null means PENDING; {@code name} null means a
 * generated slug; {@code labels} are the caller's, merged over the system labels. A {@code workQueueId} (a deployment's
 * queue) takes precedence over the pool and queue names.
 */
public record NewFlowRun(UUID flowId, String name, StateCreate state, String flowVersion, JsonNode parameters,
                         JsonNode context, UUID parentTaskRunId, UUID infrastructureDocumentId,
                         FlowRunPolicy empiricalPolicy, List<String> tags, JsonNode labels, String idempotencyKey,
                         String workPoolName, String workQueueName, JsonNode jobVariables, UUID deploymentId,
                         String deploymentVersion, UUID workQueueId) {

    /** A run named by pool and queue names, not by a deployment's resolved queue. */
    public NewFlowRun(UUID flowId, String name, StateCreate state, String flowVersion, JsonNode parameters,
                      JsonNode context, UUID parentTaskRunId, UUID infrastructureDocumentId,
                      FlowRunPolicy empiricalPolicy, List<String> tags, JsonNode labels, String idempotencyKey,
                      String workPoolName, String workQueueName, JsonNode jobVariables, UUID deploymentId) {
        this(flowId, name, state, flowVersion, parameters, context, parentTaskRunId, infrastructureDocumentId,
                empiricalPolicy, tags, labels, idempotencyKey, workPoolName, workQueueName, jobVariables, deploymentId,
                null, null);
    }
}
