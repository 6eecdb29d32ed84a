package io.baton.domain.orchestration.port;

import io.baton.domain.state.State;

import java.util.Optional;
import java.util.UUID;

/** Reads the flow run a task belongs to. */
public interface FlowRunLookup {

    /** The enclosing flow run's current state (null when it has none) and run count. */
    record ParentFlowRun(UUID id, State state, int runCount) {}

    Optional<ParentFlowRun> findFlowRun(UUID flowRunId);
}
