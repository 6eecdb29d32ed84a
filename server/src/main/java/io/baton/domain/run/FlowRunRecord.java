package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.State;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored flow run with every column, its current state (data loaded) and the work pool/queue it resolves to.
 * {@code run} holds the columns orchestration works on.
 */
public record FlowRunRecord(FlowRun run, Instant created, Instant updated, String name, String deploymentVersion,
                            UUID workQueueId, String workQueueName, String flowVersion, JsonNode parameters,
                            String idempotencyKey, JsonNode context, List<String> tags, JsonNode labels,
                            JsonNode createdBy, JsonNode jobVariables, UUID infrastructureDocumentId,
                            boolean autoScheduled, UUID workPoolId, String workPoolName, State state) {

    public UUID id() {
        return run.id();
    }

    public RunBookkeeping bookkeeping() {
        return run.bookkeeping();
    }
}
