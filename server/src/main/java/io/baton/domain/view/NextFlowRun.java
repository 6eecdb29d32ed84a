package io.baton.domain.view;

import io.baton.domain.state.StateType;
import java.time.Instant;
import java.util.UUID;

/** A flow's earliest SCHEDULED run, for the flows list. */
public record NextFlowRun(UUID id, UUID flowId, String name, String stateName, StateType stateType,
                          Instant nextScheduledStartTime) {}
