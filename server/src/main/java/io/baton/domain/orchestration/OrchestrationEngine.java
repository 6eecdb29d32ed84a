package io.baton.domain.orchestration;

import io.baton.domain.orchestration.flow.FlowPolicies;
import io.baton.domain.orchestration.global.GlobalPolicies;
import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.task.TaskPolicies;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.Run;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.ResultData;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Decides one state transition of a run. Call it inside the transaction that locked the run row, with the run's
 * current state (data loaded); persist what the returned {@link OrchestrationOutcome} says.
 *
 * <p>Rules are entered in policy order followed by the global transforms, the proposal is validated, and rules
 * exit in reverse order.
 */
public final class OrchestrationEngine {
    private final OrchestrationPorts ports;

    public OrchestrationEngine(OrchestrationPorts ports) {
        this.ports = ports;
    }

    /** {@code POST /flow_runs/{id}/set_state}: CoreFlowPolicy, or MinimalFlowPolicy when forced. */
    public OrchestrationOutcome<FlowRun> setFlowRunState(FlowRun run, State current, StateCreate proposal,
                                                         boolean force, ClientInfo client) {
        State proposed = State.fromProposal(proposal, ports.clock().instant());
        return orchestrateFlowRun(run, current, proposed, FlowPolicies.forSetState(force), client);
    }

    /** Any flow-run transition under an explicit policy (late runs, cancelling timeout, services). */
    public OrchestrationOutcome<FlowRun> orchestrateFlowRun(FlowRun run, State current, State proposed,
                                                            Policy<FlowRun> policy, ClientInfo client) {
        OrchestrationContext<FlowRun> ctx = context(run, current, proposed, client);
        orchestrate(ctx, policy.rules(), GlobalPolicies.FLOW);
        if (ctx.status() == SetStateStatus.ACCEPT && ctx.validatedState() != null
                && ctx.validatedState().is(StateType.CANCELLING) && ctx.proposedState() != null) {
            ctx.addSideEffect(new SideEffect.ScheduleCancellingTimeoutCheck(run.id(), ctx.validatedState().id()));
        }
        return outcome(ctx);
    }

    /**
     * {@code POST /task_runs/{id}/set_state}: CoreTaskPolicy, MinimalTaskPolicy when forced, BackgroundTaskPolicy
     * when the proposal is deferred.
     */
    public OrchestrationOutcome<TaskRun> setTaskRunState(TaskRun run, State current, StateCreate proposal,
                                                         boolean force, ClientInfo client) {
        State proposed = State.fromProposal(proposal, ports.clock().instant());
        return orchestrateTaskRun(run, current, proposed,
                TaskPolicies.forSetState(force, proposal.details().isDeferred()), client);
    }

    public OrchestrationOutcome<TaskRun> orchestrateTaskRun(TaskRun run, State current, State proposed,
                                                            Policy<TaskRun> policy, ClientInfo client) {
        OrchestrationContext<TaskRun> ctx = context(run, current, proposed, client);
        orchestrate(ctx, policy.rules(), GlobalPolicies.TASK);
        return outcome(ctx);
    }

    /**
     * Carries out an {@link SideEffect.UpdateSubflowParentTask}: forces the copied subflow state onto the parent
     * task run (minimal policy, or background when deferred, plus the global task transforms).
     */
    public OrchestrationOutcome<TaskRun> propagateToParentTask(TaskRun parentTask, State parentTaskCurrent,
                                                               SideEffect.UpdateSubflowParentTask update) {
        if (!parentTask.id().equals(update.parentTaskRunId())) {
            throw new IllegalArgumentException("task run " + parentTask.id() + " is not the subflow's parent");
        }
        return orchestrateTaskRun(parentTask, parentTaskCurrent, update.state(),
                TaskPolicies.forSetState(true, update.state().details().isDeferred()), ClientInfo.UNKNOWN);
    }

    private <R extends Run> OrchestrationContext<R> context(R run, State current, State proposed, ClientInfo client) {
        Instant now = ports.clock().instant();
        return new OrchestrationContext<>(ports, client, now, run, current, proposed);
    }

    private static <R extends Run> void orchestrate(OrchestrationContext<R> ctx,
                                                    List<Supplier<? extends OrchestrationRule<R>>> rules,
                                                    List<Supplier<? extends OrchestrationRule<R>>> globals) {
        StateType from = ctx.initialType();
        StateType to = ctx.proposedType();
        Deque<OrchestrationRule<R>> entered = new ArrayDeque<>();
        for (Supplier<? extends OrchestrationRule<R>> factory : Stream.concat(rules.stream(), globals.stream()).toList()) {
            OrchestrationRule<R> rule = factory.get();
            if (!rule.appliesTo(from, to)) {
                continue;
            }
            rule.bind(from, to);
            rule.enter(ctx);
            entered.push(rule);
        }
        ctx.validate();
        while (!entered.isEmpty()) {
            entered.pop().exit(ctx);
        }
        if (ctx.hasError()) {
            throw new OrchestrationException(((ResponseDetails.Abort) ctx.details()).reason(), ctx.error());
        }
    }

    private static <R extends Run> OrchestrationOutcome<R> outcome(OrchestrationContext<R> ctx) {
        State written = ctx.proposedState();
        OrchestrationResult result = new OrchestrationResult(ctx.validatedState(), ctx.status(), ctx.details());
        ResultData data = ResultData.decide(written == null ? null : written.data());
        return new OrchestrationOutcome<>(result, written, data, ctx.run(), ctx.sideEffects());
    }
}
