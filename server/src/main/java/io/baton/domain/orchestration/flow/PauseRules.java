package io.baton.domain.orchestration.flow;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.FlowRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Pausing (in process) and suspending (infrastructure exits) flow runs, and resuming them. */
public final class PauseRules {
    private PauseRules() {}

    /** Only running flows pause, each pause key fires once, and only top-level deployment runs suspend. */
    public static final class HandlePausingFlows extends OrchestrationRule<FlowRun> {
        private String pauseKey;

        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.PAUSED);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State proposed = ctx.proposedState();
            String verb = "Suspended".equals(proposed.name()) ? "suspend" : "pause";
            State initial = ctx.initialState();
            if (initial == null) {
                abort(ctx, "Cannot " + verb + " flows with no state.");
                return;
            }
            if (!initial.is(StateType.RUNNING)) {
                reject(ctx, null, "Cannot " + verb + " flows that are not currently running.");
                return;
            }
            pauseKey = proposed.details().pauseKey() != null
                    ? proposed.details().pauseKey()
                    : new UUID(ctx.ports().random().nextLong(), ctx.ports().random().nextLong()).toString();
            if (ctx.run().empiricalPolicy().pauseKeys().contains(pauseKey)) {
                reject(ctx, null, "This " + verb + " has already fired.");
                return;
            }
            if (proposed.details().pauseReschedule()) {
                if (ctx.run().parentTaskRunId() != null) {
                    abort(ctx, "Cannot " + verb + " subflows.");
                } else if (ctx.run().deploymentId() == null) {
                    abort(ctx, "Cannot " + verb + " flows without a deployment.");
                }
            }
        }

        @Override
        protected void after(OrchestrationContext<FlowRun> ctx) {
            // A rule that refused the pause itself still reaches its after-hook: only record pauses that landed.
            if (pauseKey == null || ctx.proposedState() == null) {
                return;
            }
            ctx.updateRun(r -> {
                Set<String> keys = new HashSet<>(r.empiricalPolicy().pauseKeys());
                keys.add(pauseKey);
                return r.withEmpiricalPolicy(r.empiricalPolicy().withPauseKeys(keys));
            });
        }
    }

    /**
     * A paused run may only go to RUNNING, SCHEDULED or a final state; a suspended run needs a deployment to come
     * back; an expired pause fails the run. Afterwards the run is marked as resuming so its run count is kept.
     */
    public static final class HandleResumingPausedFlows extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.PAUSED);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.ANY;
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            State proposed = ctx.proposedState();
            if (!(proposed.is(StateType.RUNNING) || proposed.is(StateType.SCHEDULED) || proposed.isFinal())) {
                reject(ctx, null, "This run cannot transition to the " + proposed.type() + " state from the "
                        + initial.type() + " state.");
                return;
            }
            if (initial.details().pauseReschedule() && ctx.run().deploymentId() == null) {
                reject(ctx, null, "Cannot reschedule a suspended flow run without a deployment.");
                return;
            }
            Instant timeout = initial.details().pauseTimeout();
            if (timeout != null && timeout.isBefore(ctx.now())) {
                State failed = State.create(StateType.FAILED, null, ctx.now(),
                        "The flow was " + initial.name().toLowerCase() + " and never resumed.", null, null);
                reject(ctx, failed, "The flow run pause has timed out and can no longer resume.");
            }
        }

        @Override
        protected void after(OrchestrationContext<FlowRun> ctx) {
            if (ctx.proposedState() == null) {
                return;
            }
            ctx.updateRun(r -> r.withEmpiricalPolicy(r.empiricalPolicy().withResuming(true)));
        }
    }
}
