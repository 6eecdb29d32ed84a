package io.baton.domain.orchestration;

import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Work an orchestration decided on that the caller performs inside the same transaction. */
public sealed interface SideEffect {

    /**
     * Emit {@code prefect.flow-run.<StateName>} for a persisted flow-run transition. {@code previous} is the
     * run's state before the transition (null for the first state); {@code intendedFrom/To} are the types of the
     * original request.
     */
    record EmitFlowRunStateEvent(UUID flowRunId, State previous, State validated, StateType intendedFrom,
                                 StateType intendedTo) implements SideEffect {

        /** Events only point at their predecessor when it happened within this window. */
        public static final Duration FOLLOWS_WINDOW = Duration.ofMinutes(5);

        public String eventName() {
            return "prefect.flow-run." + validated.name();
        }

        /** The id of the event this one follows, or null. */
        public UUID follows() {
            if (previous == null) {
                return null;
            }
            Duration gap = Duration.between(previous.timestamp(), validated.timestamp()).abs();
            return gap.compareTo(FOLLOWS_WINDOW) <= 0 ? previous.id() : null;
        }
    }

    /**
     * Force {@code state} (a fresh copy of the subflow's new state with {@code child_flow_run_id} set) onto the
     * subflow's parent task run; see {@code OrchestrationEngine.propagateToParentTask}.
     */
    record UpdateSubflowParentTask(UUID parentTaskRunId, UUID subflowRunId, State state) implements SideEffect {}

    /** Insert a {@code task_run_state_cache} row. */
    record InsertTaskRunStateCache(String cacheKey, Instant cacheExpiration, UUID taskRunStateId)
            implements SideEffect {}

    /** Queue a deferred task run for delivery to task workers subscribed to {@code taskKey}. */
    record EnqueueDeferredTask(UUID taskRunId, String taskKey, boolean retry) implements SideEffect {}

    /** The flow run entered CANCELLING: check later whether it got stuck there. */
    record ScheduleCancellingTimeoutCheck(UUID flowRunId, UUID cancellingStateId) implements SideEffect {}
}
