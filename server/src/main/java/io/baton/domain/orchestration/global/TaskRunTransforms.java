package io.baton.domain.orchestration.global;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.StateType;

/** Bookkeeping transforms that only task runs have. */
public final class TaskRunTransforms {
    private TaskRunTransforms() {}

    /** Task states name both the task run and its flow run. */
    public static final class UpdateTaskRunStateDetails extends UniversalTransform<TaskRun> {
        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            TaskRun run = ctx.run();
            ctx.reviseProposed(s -> s.withDetails(s.details().withFlowRunId(run.flowRunId()).withTaskRunId(run.id())));
        }
    }

    /** Entering RUNNING counts a run. */
    public static final class IncrementTaskRunCount extends UniversalTransform<TaskRun> {
        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            if (ctx.proposedState().is(StateType.RUNNING)) {
                ctx.updateBookkeeping(b -> b.withRunCount(b.runCount() + 1));
            }
        }
    }
}
