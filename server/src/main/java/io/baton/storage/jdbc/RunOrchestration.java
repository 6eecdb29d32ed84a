package io.baton.storage.jdbc;

import io.baton.storage.jdbc.orchestration.SlotPorts;

import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE_CACHE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationEngine;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.orchestration.SideEffect;
import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.LeasePort;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.jdbc.orchestration.TransactionPorts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * One transaction's worth of run orchestration: decides transitions with the engine, persists what each outcome
 * says (state row, result artifact, run columns) and carries out its side effects in the same transaction.
 * A flow-run state event is stored with its transition (one statement); its delivery to subscribers, deferred
 * task delivery and timeout checks are collected and run by {@link #afterCommit} once the transaction has
 * committed.
 */
final class RunOrchestration {

    private final DSLContext dsl;
    private final Clock clock;
    private final OrchestrationEngine engine;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<Consumer<RunEffectSinks>> deferred = new ArrayList<>();
    /** Related resources read with a run before its transition, so its state event needs no lookup of its own. */
    private final Map<UUID, FlowRunEvents.Related> related = new HashMap<>();
    private final TransactionPorts.LatestStates latestStates = new TransactionPorts.LatestStates();

    RunOrchestration(DSLContext dsl, SlotPorts.Binding slots, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.engine = new OrchestrationEngine(
                TransactionPorts.create(dsl, slots.concurrency(), slots.leases(), clock, latestStates));
    }

    void knowRelated(UUID flowRunId, FlowRunEvents.Related resources) {
        related.put(flowRunId, resources);
    }

    /** {@code timestamp}: the run's latest stored state timestamp, null when it has no state yet. */
    void knowLatestState(UUID flowRunId, Instant timestamp) {
        latestStates.know(flowRunId, timestamp);
    }

    OrchestrationOutcome<FlowRun> setFlowRunState(FlowRunRecord run, StateCreate proposal, boolean force,
                                                  ClientInfo client) {
        return setFlowRunState(run.run(), run.state(), proposal, force, client);
    }

    OrchestrationOutcome<FlowRun> setFlowRunState(FlowRun run, State current, StateCreate proposal, boolean force,
                                                  ClientInfo client) {
        OrchestrationOutcome<FlowRun> outcome = engine.setFlowRunState(run, current, proposal, force, client);
        persistFlowRun(run, outcome);
        return outcome;
    }

    OrchestrationOutcome<TaskRun> setTaskRunState(TaskRunRecord run, StateCreate proposal, boolean force,
                                                  ClientInfo client) {
        OrchestrationOutcome<TaskRun> outcome = engine.setTaskRunState(run.run(), run.state(), proposal, force, client);
        persistTaskRun(run.run(), run.state(), outcome);
        return outcome;
    }

    private void persistFlowRun(FlowRun before, OrchestrationOutcome<FlowRun> outcome) {
        Instant now = clock.instant();
        FlowRun run = outcome.run();
        if (outcome.wroteState()) {
            StateRows.insert(dsl, FLOW_RUN_STATE, run.id(), outcome.persistedState(), outcome.resultData(), run.id(), null);
            latestStates.forget(run.id());
        }
        if (!run.equals(before)) {
            FlowRunRows.writeBack(dsl, run, now);
        }
        for (SideEffect effect : outcome.sideEffects()) {
            switch (effect) {
                case SideEffect.UpdateSubflowParentTask update -> updateParentTask(update);
                case SideEffect.EmitFlowRunStateEvent emit -> events.addAll(EventOutbox.writeIn(dsl, List.of(
                        related.containsKey(emit.flowRunId())
                                ? FlowRunEvents.build(emit, run, related.get(emit.flowRunId()))
                                : FlowRunEvents.build(dsl, emit, run))));
                default -> common(effect);
            }
        }
    }

    private void persistTaskRun(TaskRun before, State initial, OrchestrationOutcome<TaskRun> outcome) {
        Instant now = clock.instant();
        TaskRun run = outcome.run();
        if (outcome.wroteState()) {
            StateRows.insert(dsl, TASK_RUN_STATE, run.id(), outcome.persistedState(), outcome.resultData(),
                    run.flowRunId(), run.id());
            events.addAll(EventOutbox.writeIn(dsl, List.of(TaskRunEvents.build(run, initial, outcome.persistedState()))));
        }
        if (!run.equals(before)) {
            TaskRunRows.writeBack(dsl, run, now);
        }
        outcome.sideEffects().forEach(this::common);
    }

    /** The only way a subflow's parent task run advances: the subflow's new state, forced onto it. */
    private void updateParentTask(SideEffect.UpdateSubflowParentTask update) {
        if (!TaskRunRows.lock(dsl, update.parentTaskRunId())) {
            return; // the parent task run was deleted; the subflow keeps running on its own
        }
        TaskRunRecord parent = TaskRunRows.select(dsl).where(TaskRunRows.TR.ID.eq(update.parentTaskRunId()))
                .fetchOne(TaskRunRows::map);
        persistTaskRun(parent.run(), parent.state(), engine.propagateToParentTask(parent.run(), parent.state(), update));
    }

    private void common(SideEffect effect) {
        switch (effect) {
            case SideEffect.InsertTaskRunStateCache cache -> {
                Instant now = clock.instant();
                dsl.insertInto(TASK_RUN_STATE_CACHE.table())
                        .set(TASK_RUN_STATE_CACHE.ID, Ids.uuid7(now))
                        .set(TASK_RUN_STATE_CACHE.CREATED, now)
                        .set(TASK_RUN_STATE_CACHE.UPDATED, now)
                        .set(TASK_RUN_STATE_CACHE.CACHE_KEY, cache.cacheKey())
                        .set(TASK_RUN_STATE_CACHE.CACHE_EXPIRATION, cache.cacheExpiration())
                        .set(TASK_RUN_STATE_CACHE.TASK_RUN_STATE_ID, cache.taskRunStateId())
                        .execute();
            }
            case SideEffect.EnqueueDeferredTask task ->
                    deferred.add(s -> s.deferredTasks().enqueue(task.taskRunId(), task.taskKey(), task.retry()));
            case SideEffect.ScheduleCancellingTimeoutCheck check ->
                    deferred.add(s -> s.cancellingChecks().schedule(check.flowRunId(), check.cancellingStateId()));
            case SideEffect.EmitFlowRunStateEvent emit -> throw new IllegalStateException("flow-run event from a task run");
            case SideEffect.UpdateSubflowParentTask update -> updateParentTask(update);
        }
    }

    /** Delivers the events stored with the transitions and hands over the collected work; call after the commit. */
    void afterCommit(RunEffectSinks sinks) {
        if (!events.isEmpty()) {
            sinks.events().delivered(List.copyOf(events));
        }
        deferred.forEach(d -> d.accept(sinks));
    }
}
