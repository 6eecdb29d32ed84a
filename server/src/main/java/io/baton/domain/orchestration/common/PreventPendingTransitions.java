package io.baton.domain.orchestration.common;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.Run;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

/**
 * PENDING is the lock against double submission: once a run is PENDING (or further), another PENDING proposal
 * is aborted. Only a renamed PENDING -> PENDING step (Pending -> Submitting -> InfrastructurePending) passes, and
 * it keeps the scheduled time and deployment lease of the current state.
 */
public final class PreventPendingTransitions<R extends Run> extends OrchestrationRule<R> {

    @Override
    protected TypeSet fromStates() {
        return TypeSet.of(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING, StateType.CANCELLED);
    }

    @Override
    protected TypeSet toStates() {
        return TypeSet.of(StateType.PENDING);
    }

    @Override
    protected void before(OrchestrationContext<R> ctx) {
        State initial = ctx.initialState();
        State proposed = ctx.proposedState();
        boolean renamedPending = initial.is(StateType.PENDING)
                && !initial.name().equals(proposed.name())
                && !StateType.PENDING.defaultName().equals(proposed.name());
        if (renamedPending) {
            ctx.reviseProposed(s -> s.withDetails(s.details()
                    .withScheduledTime(initial.details().scheduledTime())
                    .withDeploymentConcurrencyLeaseId(initial.details().deploymentConcurrencyLeaseId())));
            return;
        }
        abort(ctx, "This run is in a " + initial.type() + " state and cannot transition to a PENDING state.");
    }
}
