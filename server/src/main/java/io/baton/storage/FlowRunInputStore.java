package io.baton.storage;

import io.baton.domain.run.FlowRunInput;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keyed input values of flow runs. */
public interface FlowRunInputStore {

    /**
     * @throws RejectedRequestException NOT_FOUND for an unknown run, CONFLICT for a key the run already has
     */
    FlowRunInput create(UUID flowRunId, String key, String value, String sender);

    Optional<FlowRunInput> read(UUID flowRunId, String key);

    /** Inputs whose key starts with {@code prefix}, oldest first, skipping {@code excludeKeys}. */
    List<FlowRunInput> filter(UUID flowRunId, String prefix, int limit, List<String> excludeKeys);

    boolean delete(UUID flowRunId, String key);
}
