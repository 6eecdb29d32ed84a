package io.baton.domain.orchestration.task;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.SideEffect;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.util.UUID;

/** Rules only deferred (background) task runs have. */
public final class BackgroundTaskRules {
    private BackgroundTaskRules() {}

    /** The stored parameters of a deferred task follow it from SCHEDULED through PENDING to RUNNING. */
    public static final class CopyTaskParametersId extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.SCHEDULED, StateType.PENDING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.PENDING, StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            UUID parameters = ctx.initialState().details().taskParametersId();
            if (ctx.proposedState().details().taskParametersId() == null && parameters != null) {
                ctx.reviseProposed(s -> s.withDetails(s.details().withTaskParametersId(parameters)));
            }
        }
    }

    /** A deferred task that becomes SCHEDULED is handed to subscribed task workers. */
    public static final class EnqueueScheduledTasks extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.SCHEDULED);
        }

        @Override
        protected void after(OrchestrationContext<TaskRun> ctx) {
            State validated = ctx.validatedState();
            if (validated.details().isDeferred()) {
                ctx.addSideEffect(new SideEffect.EnqueueDeferredTask(ctx.run().id(), ctx.run().taskKey(),
                        "AwaitingRetry".equals(validated.name())));
            }
        }
    }
}
