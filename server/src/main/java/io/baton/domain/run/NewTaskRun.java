package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.StateCreate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task run to create ({@code TaskRunCreate}); {@code id} may be chosen by the client, {@code state} null means PENDING. */
public record NewTaskRun(UUID id, StateCreate state, String name, UUID flowRunId, String taskKey, String dynamicKey,
                         String cacheKey, Instant cacheExpiration, String taskVersion, TaskRunPolicy empiricalPolicy,
                         List<String> tags, JsonNode labels, JsonNode taskInputs) {
}
