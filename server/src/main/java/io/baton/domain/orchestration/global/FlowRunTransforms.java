package io.baton.domain.orchestration.global;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.SideEffect;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.run.FlowRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Bookkeeping transforms that only flow runs have. */
public final class FlowRunTransforms {
    private FlowRunTransforms() {}

    /** States of one run must not share a timestamp (unique index): bump by 1 µs until free. */
    public static final class EnsureFlowRunStateTimestampIsUnique extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            Instant ts = ctx.proposedState().timestamp();
            Instant free = ts;
            while (ctx.ports().stateHistory().flowRunStateExistsAt(ctx.run().id(), free)) {
                free = free.plus(1, ChronoUnit.MICROS);
            }
            if (!free.equals(ts)) {
                Instant chosen = free;
                ctx.reviseProposed(s -> s.withTimestamp(chosen));
            }
        }
    }

    /** The proposed state always names its flow run. */
    public static final class UpdateFlowRunStateDetails extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            ctx.reviseProposed(s -> s.withDetails(s.details().withFlowRunId(ctx.run().id())));
        }
    }

    /** The parent task run of a subflow mirrors every subflow state (forced, in the same transaction). */
    public static final class UpdateSubflowParentTask extends UniversalTransform<FlowRun> {
        @Override
        protected void after(OrchestrationContext<FlowRun> ctx) {
            FlowRun run = ctx.run();
            if (run.parentTaskRunId() == null || ctx.validatedState() == null) {
                return;
            }
            ctx.addSideEffect(new SideEffect.UpdateSubflowParentTask(run.parentTaskRunId(), run.id(),
                    parentTaskCopy(ctx.validatedState(), run.id(), ctx.now())));
        }

        /** A fresh copy of the subflow's state pointing at the subflow as its child. */
        public static State parentTaskCopy(State subflowState, java.util.UUID subflowRunId, Instant now) {
            State copy = subflowState.freshCopy(now);
            return copy.withDetails(copy.details().withChildFlowRunId(subflowRunId));
        }
    }

    /** Subflow states point at the parent task run. */
    public static final class UpdateSubflowStateDetails extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            var parent = ctx.run().parentTaskRunId();
            if (parent != null) {
                ctx.reviseProposed(s -> s.withDetails(s.details().withTaskRunId(parent)));
            }
        }
    }

    /** Entering RUNNING counts a run, except when resuming from a pause (API 0.8.4+). */
    public static final class IncrementFlowRunCount extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            if (!ctx.proposedState().is(StateType.RUNNING)) {
                return;
            }
            if (ctx.client().apiAtLeast084() && ctx.run().empiricalPolicy().isResuming()) {
                return;
            }
            ctx.updateBookkeeping(b -> b.withRunCount(b.runCount() + 1));
        }
    }

    /** Running again or finishing ends a resume. */
    public static final class RemoveResumingIndicator extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State proposed = ctx.proposedState();
            if (proposed.is(StateType.RUNNING) || proposed.isFinal()) {
                ctx.updateRun(r -> r.withEmpiricalPolicy(r.empiricalPolicy().withResuming(false)));
            }
        }
    }
}
