package io.baton.domain.orchestration.task;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.orchestration.port.FlowRunLookup.ParentFlowRun;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.ResultData;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Task-run rules that refuse transitions a task run may not make. */
public final class TaskTransitionGuards {
    private TaskTransitionGuards() {}

    /**
     * Terminal task runs: never to CANCELLING/PAUSED/CRASHED, never lose a persisted COMPLETED result; a move to
     * a non-final state starts a fresh round of retries (run count 0, restored if the transition changes later),
     * and is named Retrying when the enclosing flow run has itself been retried since.
     */
    public static final class HandleTaskTerminalStateTransitions extends OrchestrationRule<TaskRun> {
        private static final Set<StateType> NEVER_AFTER_TERMINAL =
                EnumSet.of(StateType.CANCELLING, StateType.PAUSED, StateType.CRASHED);
        private int originalRunCount;

        @Override
        protected TypeSet fromStates() {
            return TypeSet.TERMINAL;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.ANY;
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            State initial = ctx.initialState();
            State proposed = ctx.proposedState();
            originalRunCount = ctx.run().runCount();
            if (NEVER_AFTER_TERMINAL.contains(proposed.type())) {
                abort(ctx, "Run is already " + initial.type() + ".");
                return;
            }
            if (initial.is(StateType.COMPLETED) && ResultData.isPersisted(initial.data())) {
                reject(ctx, null, "This run is already completed.");
                return;
            }
            if (!proposed.isFinal()) {
                ctx.updateBookkeeping(b -> b.withRunCount(0));
            }
            TaskRun run = ctx.run();
            if (proposed.is(StateType.RUNNING) && run.flowRunId() != null) {
                Optional<ParentFlowRun> flow = ctx.ports().flowRuns().findFlowRun(run.flowRunId());
                if (flow.isPresent() && run.flowRunRunCount() < flow.get().runCount()) {
                    rename(ctx, "Retrying");
                }
            }
        }

        @Override
        protected void cleanup(OrchestrationContext<TaskRun> ctx) {
            ctx.updateBookkeeping(b -> b.withRunCount(originalRunCount));
        }
    }

    /** Tasks only start inside a running flow; a paused flow parks them as Paused/NotReady. */
    public static final class PreventRunningTasksFromStoppedFlows extends OrchestrationRule<TaskRun> {
        static final String FLOW_NOT_RUNNING = "The enclosing flow must be running to begin task execution.";

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
            TaskRun run = ctx.run();
            if (run.flowRunId() == null) {
                return;
            }
            State flowState = ctx.ports().flowRuns().findFlowRun(run.flowRunId())
                    .map(ParentFlowRun::state).orElse(null);
            if (flowState == null) {
                abort(ctx, FLOW_NOT_RUNNING);
                return;
            }
            if (flowState.is(StateType.PAUSED)) {
                StateDetails details = StateDetails.DEFAULT.withPause(flowState.details().pauseTimeout(),
                        flowState.details().pauseReschedule(), null);
                reject(ctx, State.create(StateType.PAUSED, "NotReady", ctx.now(), null, null, details),
                        "The flow is paused, new tasks can execute after resuming flow run: " + run.flowRunId() + ".");
                return;
            }
            if (!flowState.is(StateType.RUNNING)) {
                abort(ctx, FLOW_NOT_RUNNING);
            }
        }
    }
}
