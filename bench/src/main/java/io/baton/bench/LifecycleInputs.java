package io.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationEngine;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.orchestration.port.FlowRunLookup.ParentFlowRun;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.http.routes.StateJsonWriter;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.validation.Operation;
import io.baton.http.validation.Validation;
import io.baton.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one run of the {@code lifecycle} load scenario sends and what the server holds between its calls: the
 * request bodies as the load tool writes them (the Prefect 3.8.3 client's shape), and the run, states and
 * outcomes of {@code POST /flow_runs/} (forced PENDING), {@code set_state} RUNNING and {@code set_state}
 * COMPLETED, produced by the real engine. Plus one task run of that flow run going PENDING -> RUNNING.
 */
final class LifecycleInputs {

    static final ClientInfo CLIENT = ClientInfo.fromHeaders("prefect/3.8.3 (API 0.8.4)", "0.8.4");
    static final Instant CREATED = Instant.parse("2026-11-21T06:00:00.123456Z");
    /** "now" of the set_state calls: 100 ms after creation for RUNNING, 1.6 s for COMPLETED. */
    static final Instant RUNNING_AT = CREATED.plusMillis(100);
    static final Instant COMPLETED_AT = CREATED.plusMillis(1600);

    final UUID flowId = UUID.fromString("019a8f2c-3b1e-7a40-9d51-5c2e8f0a1b2c");
    final UUID flowRunId = UUID.fromString("019a8f2c-3b2f-7c11-8e22-1d3f4a5b6c7d");
    final UUID taskRunId = UUID.fromString("019a8f2c-4c3a-7d22-9f33-2e4a5b6c7d8e");

    final String createFlowRunBody = """
            {"state": {"type": "PENDING", "name": "Pending", "message": null, "state_details": {"traceparent": null}, \
            "data": null}, "name": null, "flow_id": "%s", "flow_version": "baton-load", "parameters": {}, \
            "context": {}, "parent_task_run_id": null, "empirical_policy": {"retries": 0, "retry_delay": 0}, \
            "tags": []}""".formatted(flowId);
    final String setRunningBody = setStateBody(flowRunId, null, "RUNNING", "Running",
            "3f1c6a2e-8b4d-4e5f-9a7b-0c1d2e3f4a5b");
    final String setCompletedBody = setStateBody(flowRunId, null, "COMPLETED", "Completed",
            "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    final String setTaskRunningBody = setStateBody(flowRunId, taskRunId, "RUNNING", "Running",
            "9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d");

    final OpenApiContract contract = OpenApiContract.loadBundled();
    final Operation createFlowRun = operation("POST", "/flow_runs/");
    final Operation setFlowRunState = operation("POST", "/flow_runs/{id}/set_state");
    final Operation setTaskRunState = operation("POST", "/task_runs/{id}/set_state");

    /** The proposals as the routes read them from the validated bodies. */
    final StateCreate proposePending = proposal(createFlowRun, createFlowRunBody);
    final StateCreate proposeRunning = proposal(setFlowRunState, setRunningBody);
    final StateCreate proposeCompleted = proposal(setFlowRunState, setCompletedBody);
    final StateCreate proposeTaskRunning = proposal(setTaskRunState, setTaskRunningBody);

    /** The new run as {@code create} reads it back after the insert: no state yet. */
    final FlowRun newRun = new FlowRun(flowRunId, flowId, null, null, null, FlowRunPolicy.of(0, 0),
            RunBookkeeping.EMPTY);
    final OrchestrationOutcome<FlowRun> created = engineAt(CREATED).setFlowRunState(newRun, null, proposePending,
            true, CLIENT);
    final OrchestrationOutcome<FlowRun> running = engineAt(RUNNING_AT).setFlowRunState(created.run(),
            created.persistedState(), proposeRunning, false, CLIENT);
    final OrchestrationOutcome<FlowRun> completed = engineAt(COMPLETED_AT).setFlowRunState(running.run(),
            running.persistedState(), proposeCompleted, false, CLIENT);

    /** A task run of the running flow run, in PENDING as the task engine creates it. */
    final TaskRun pendingTask;
    final State taskPending;

    /** {@code POST /flow_runs/}'s answer: the run as read back after the forced PENDING. */
    final FlowRunRecord createdRecord;

    LifecycleInputs() {
        TaskRun task = TaskRun.of(taskRunId, flowRunId, "noop-3f2a1b", List.of(), TaskRunPolicy.DEFAULT);
        OrchestrationOutcome<TaskRun> pending = engineAt(RUNNING_AT.plusMillis(20)).setTaskRunState(task, null,
                StateCreate.of(StateType.PENDING), true, CLIENT);
        pendingTask = pending.run();
        taskPending = pending.persistedState();
        createdRecord = new FlowRunRecord(created.run(), CREATED, CREATED, "crimson-fox", null, null, null,
                "baton-load", Json.object(), null, Json.object(), List.of(),
                Json.object().put("prefect.flow.id", flowId.toString()), null, Json.object(), null, false, null,
                null, created.persistedState());
    }

    /** Ports whose clock stands at {@code now}; once the flow run is RUNNING, its task runs find it so. */
    InMemoryPorts portsAt(Instant now) {
        State flowRunning = running == null ? null : running.persistedState();
        return new InMemoryPorts(Clock.fixed(now, ZoneOffset.UTC),
                flowRunning == null ? Map.of() : Map.of(flowRunId, new ParentFlowRun(flowRunId, flowRunning, 1)));
    }

    private OrchestrationEngine engineAt(Instant now) {
        return portsAt(now).engine();
    }

    private Operation operation(String method, String path) {
        return contract.operation(method, path).orElseThrow();
    }

    /** Parses and validates a body as {@code ApiRouter} does, then reads its {@code state} as the route does. */
    static StateCreate proposal(Operation op, String body) {
        return StateJsonWriter.proposal(validated(op, body).get("state"));
    }

    static JsonNode validated(Operation op, String body) {
        try {
            Validation v = op.validateBody(JsonBodyParser.parse(body));
            if (!v.ok()) {
                throw new IllegalStateException(op + " refuses the benchmark body: " + v.errors());
            }
            return v.value();
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /{flow,task}_runs/{id}/set_state} as the engines send it, with a fixed transition id. */
    static String setStateBody(UUID flowRunId, UUID taskRunId, String type, String name, String transitionId) {
        return """
                {"state": {"type": "%s", "name": "%s", "message": null, "state_details": {"flow_run_id": "%s", \
                "task_run_id": %s, "child_flow_run_id": null, "scheduled_time": null, "cache_key": null, \
                "cache_expiration": null, "deferred": null, "untrackable_result": %s, "pause_timeout": null, \
                "pause_reschedule": false, "pause_key": null, "run_input_keyset": null, "refresh_cache": null, \
                "retriable": null, "transition_id": "%s", "task_parameters_id": null, "traceparent": null, \
                "deployment_concurrency_lease_id": null}, "data": null}, "force": false}"""
                .formatted(type, name, flowRunId, taskRunId == null ? "null" : "\"" + taskRunId + "\"",
                        "COMPLETED".equals(type), transitionId);
    }
}
