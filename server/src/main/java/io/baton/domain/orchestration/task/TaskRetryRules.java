package io.baton.domain.orchestration.task;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationException;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.orchestration.common.Jitter;
import io.baton.domain.orchestration.port.FlowRunLookup.ParentFlowRun;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.time.Duration;

/** Task retries and the run-count tracking around them. */
public final class TaskRetryRules {
    private TaskRetryRules() {}

    /**
     * While retries remain, FAILED becomes SCHEDULED/AwaitingRetry after the configured delay (per attempt for
     * delay lists, optionally jittered). A failure marked {@code retriable=false} is final.
     */
    public static final class RetryFailedTasks extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.FAILED);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            State proposed = ctx.proposedState();
            if (Boolean.FALSE.equals(proposed.details().retriable())) {
                return;
            }
            TaskRun run = ctx.run();
            TaskRunPolicy policy = run.empiricalPolicy();
            if (policy.retries() == null || run.runCount() > policy.retries()) {
                return;
            }
            double delay = policy.baseDelaySeconds(run.runCount());
            if (policy.retryJitterFactor() != null && policy.retryJitterFactor() > 0 && delay > 0) {
                delay = Jitter.clampedExponential(delay, policy.retryJitterFactor(), ctx.ports().random());
            }
            Duration wait = Duration.ofNanos(Math.round(delay * 1e9));
            State retry = State.create(StateType.SCHEDULED, "AwaitingRetry", ctx.now(), proposed.message(),
                    proposed.data(), StateDetails.DEFAULT.withScheduledTime(ctx.now().plus(wait)));
            reject(ctx, retry, "Retrying");
        }
    }

    /** A task that has run before starts again as Retrying (after AwaitingRetry) or Rerunning. */
    public static final class RenameReruns extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            if (ctx.run().runCount() > 0) {
                State initial = ctx.initialState();
                rename(ctx, initial != null && "AwaitingRetry".equals(initial.name()) ? "Retrying" : "Rerunning");
            }
        }
    }

    /** A started task records which flow-run attempt it belongs to. */
    public static final class UpdateFlowRunTrackerOnTasks extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void after(OrchestrationContext<TaskRun> ctx) {
            var flowRunId = ctx.run().flowRunId();
            if (flowRunId == null) {
                return;
            }
            ParentFlowRun flow = ctx.ports().flowRuns().findFlowRun(flowRunId)
                    .orElseThrow(() -> new OrchestrationException("Flow run with id " + flowRunId + " not found"));
            ctx.updateRun(r -> r.withFlowRunRunCount(flow.runCount()));
        }
    }
}
