package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Request bodies shaped like the Prefect 3.8.3 client's (see the recorded traffic). */
public final class Payloads {
    /** ISO-8601 with microseconds, as the client serialises datetimes in JSON bodies. */
    public static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Python's {@code str(datetime)}, which the worker sends as {@code scheduled_before}. */
    public static final DateTimeFormatter PYTHON_STR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private Payloads() {
    }

    public static ObjectNode flow(String name) {
        ObjectNode body = Json.object();
        body.put("name", name);
        body.putArray("tags");
        body.putObject("labels");
        return body;
    }

    /** {@code POST /flow_runs/} as a local flow run starts: state PENDING. */
    public static ObjectNode flowRunCreate(String flowId) {
        return flowRunCreate(flowId, "PENDING", "Pending", null);
    }

    /** {@code POST /flow_runs/} with any initial state; {@code scheduledTime} only for SCHEDULED. */
    public static ObjectNode flowRunCreate(String flowId, String stateType, String stateName, Instant scheduledTime) {
        ObjectNode body = Json.object();
        body.set("state", initialState(stateType, stateName, scheduledTime));
        body.putNull("name");
        body.put("flow_id", flowId);
        body.put("flow_version", "baton-load");
        body.putObject("parameters");
        body.putObject("context");
        body.putNull("parent_task_run_id");
        ObjectNode policy = body.putObject("empirical_policy");
        policy.put("retries", 0);
        policy.put("retry_delay", 0);
        body.putArray("tags");
        return body;
    }

    /** One item of {@code POST /deployments/{id}/create_flow_run} (and of its {@code /bulk} list). */
    public static ObjectNode deploymentFlowRun(String stateType, String stateName, Instant scheduledTime) {
        ObjectNode body = Json.object();
        body.set("state", initialState(stateType, stateName, scheduledTime));
        body.putNull("name");
        body.putObject("parameters");
        body.putObject("context");
        body.putArray("tags");
        body.putNull("idempotency_key");
        body.putNull("parent_task_run_id");
        body.putNull("job_variables");
        body.putObject("labels");
        return body;
    }

    private static ObjectNode initialState(String stateType, String stateName, Instant scheduledTime) {
        ObjectNode state = Json.object();
        state.put("type", stateType);
        state.put("name", stateName);
        state.putNull("message");
        ObjectNode details = state.putObject("state_details");
        if (scheduledTime != null) {
            details.put("scheduled_time", ISO_MICROS.format(scheduledTime));
        }
        details.putNull("traceparent");
        state.putNull("data");
        return state;
    }

    /** {@code POST /flow_runs/{id}/set_state} as the flow engine sends it, with a fresh transition id. */
    public static ObjectNode setFlowRunState(String flowRunId, String stateType, String stateName) {
        ObjectNode body = Json.object();
        ObjectNode state = body.putObject("state");
        state.put("type", stateType);
        state.put("name", stateName);
        state.putNull("message");
        ObjectNode details = state.putObject("state_details");
        details.put("flow_run_id", flowRunId);
        for (String field : new String[]{"task_run_id", "child_flow_run_id", "scheduled_time", "cache_key",
                "cache_expiration", "deferred"}) {
            details.putNull(field);
        }
        details.put("untrackable_result", "COMPLETED".equals(stateType));
        details.putNull("pause_timeout");
        details.put("pause_reschedule", false);
        for (String field : new String[]{"pause_key", "run_input_keyset", "refresh_cache", "retriable"}) {
            details.putNull(field);
        }
        details.put("transition_id", UUID.randomUUID().toString());
        details.putNull("task_parameters_id");
        details.putNull("traceparent");
        details.putNull("deployment_concurrency_lease_id");
        state.putNull("data");
        body.put("force", false);
        return body;
    }

    /** {@code POST /work_pools/}: a process pool with the job template the worker registers. */
    public static ObjectNode processWorkPool(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/process-work-pool.json")) {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(in);
            body.put("name", name);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /deployments/} without schedules, optionally in a work pool. */
    public static ObjectNode deployment(String name, String flowId, String workPoolName) {
        ObjectNode body = Json.object();
        body.put("name", name);
        body.put("flow_id", flowId);
        body.put("paused", false);
        body.putArray("schedules");
        body.put("enforce_parameter_schema", false);
        body.putObject("parameters");
        body.putArray("tags");
        body.putObject("labels");
        if (workPoolName == null) {
            body.putNull("work_pool_name");
        } else {
            body.put("work_pool_name", workPoolName);
        }
        body.put("entrypoint", "baton_load.py:noop");
        body.putObject("job_variables");
        return body;
    }
}
