package io.baton.domain.orchestration.flow;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RetryType;
import io.baton.domain.state.ResultData;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Flow-run rules that refuse transitions a run may not make. */
public final class FlowTransitionGuards {
    private FlowTransitionGuards() {}

    /** A retried request with the same transition id must not apply twice. */
    public static final class PreventDuplicateTransitions extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.ANY;
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            if (initial == null) {
                return;
            }
            UUID current = initial.details().transitionId();
            UUID proposed = ctx.proposedState().details().transitionId();
            if (current != null && current.equals(proposed)) {
                reject(ctx, null, "This run has already made this state transition.");
            }
        }
    }

    /**
     * Terminal runs: never to CANCELLING/PAUSED/CRASHED; never lose a persisted COMPLETED result; only
     * deployment runs may be rescheduled; any other move to a non-final state starts over with a clean policy
     * (restored if the transition is changed later).
     */
    public static final class HandleFlowTerminalStateTransitions extends OrchestrationRule<FlowRun> {
        private static final Set<StateType> NEVER_AFTER_TERMINAL =
                EnumSet.of(StateType.CANCELLING, StateType.PAUSED, StateType.CRASHED);
        private FlowRunPolicy originalPolicy;

        @Override
        protected TypeSet fromStates() {
            return TypeSet.TERMINAL;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.ANY;
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            State proposed = ctx.proposedState();
            originalPolicy = ctx.run().empiricalPolicy();
            if (NEVER_AFTER_TERMINAL.contains(proposed.type())) {
                abort(ctx, "Run is already in terminal state " + initial.type() + ".");
                return;
            }
            boolean completedWithResult = initial.is(StateType.COMPLETED) && ResultData.isPersisted(initial.data());
            if (completedWithResult && !proposed.isFinal()) {
                reject(ctx, null, "Run is already COMPLETED.");
                return;
            }
            if (completedWithResult && proposed.is(StateType.COMPLETED) && !ResultData.isPersisted(proposed.data())) {
                reject(ctx, null, "Run is already COMPLETED with a persisted result.");
                return;
            }
            if (proposed.is(StateType.SCHEDULED) && ctx.run().deploymentId() == null) {
                abort(ctx, "Cannot reschedule a run without an associated deployment.");
                return;
            }
            if (!proposed.isFinal() && ctx.client().apiAtLeast084()) {
                RetryType retryType = proposed.is(StateType.SCHEDULED) ? RetryType.RESCHEDULE : null;
                ctx.updateRun(r -> r.withEmpiricalPolicy(
                        r.empiricalPolicy().withResuming(false).withPauseKeys(Set.of()).withRetryType(retryType)));
            }
        }

        @Override
        protected void cleanup(OrchestrationContext<FlowRun> ctx) {
            ctx.updateRun(r -> r.withEmpiricalPolicy(originalPolicy));
        }
    }

    /** Forced (minimal) policy guard: even with force=true a persisted COMPLETED result is not overwritten. */
    public static final class PreventResultDataLoss extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.TERMINAL;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.TERMINAL;
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            if (initial.is(StateType.COMPLETED) && ResultData.isPersisted(initial.data())
                    && ctx.proposedState().is(StateType.COMPLETED)
                    && !ResultData.isPersisted(ctx.proposedState().data())) {
                reject(ctx, null, "This run has already completed with a persisted result.");
            }
        }
    }

    /** A cancelling run can only become CANCELLED; a finishing engine gets its Cancelling state back. */
    public static final class EnforceCancellingToCancelledTransition extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.CANCELLING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.anyExcept(StateType.CANCELLED);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            reject(ctx, null, "Cannot transition flows that are cancelling to a state other than Cancelled.");
        }
    }

    /**
     * Nothing runs for a scheduled run without infrastructure, a Resuming run or a suspended run, so there is
     * nobody to finish the cancel: cancel at once.
     */
    public static final class BypassCancellingFlowRunsWithNoInfra extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.SCHEDULED, StateType.PAUSED);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.CANCELLING);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            State cancelled = State.create(StateType.CANCELLED, null, ctx.now(), ctx.proposedState().message(),
                    null, null);
            if ((initial.is(StateType.SCHEDULED) && ctx.run().infrastructurePid() == null)
                    || "Resuming".equals(initial.name())) {
                reject(ctx, cancelled, "Scheduled flow run has no infrastructure to terminate.");
            } else if (initial.is(StateType.PAUSED) && initial.details().pauseReschedule()) {
                reject(ctx, cancelled, "Suspended flow run has no infrastructure to terminate.");
            }
        }
    }

    /** Only a SCHEDULED run not already Late may be marked Late. */
    public static final class EnsureOnlyScheduledFlowsMarkedLate extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.SCHEDULED);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            if (!"Late".equals(ctx.proposedState().name())) {
                return;
            }
            State initial = ctx.initialState();
            if (initial == null || !initial.is(StateType.SCHEDULED)) {
                reject(ctx, null, "Only scheduled flows can be marked late.");
            } else if ("Late".equals(initial.name())) {
                reject(ctx, null, "This run is already marked late.");
            }
        }
    }
}
