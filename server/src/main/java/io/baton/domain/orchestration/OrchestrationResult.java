package io.baton.domain.orchestration;

import io.baton.domain.state.State;

/** The set_state response body: the state to report (may be null), status and details. */
public record OrchestrationResult(State state, SetStateStatus status, ResponseDetails details) {
}
