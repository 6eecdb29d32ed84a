package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunInput;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.RunJson;
import io.baton.domain.run.TaskRunRecord;
import io.baton.json.Json;
import java.time.Instant;
import java.util.UUID;

/** {@code FlowRunResponse} and {@code TaskRun} bodies, with the read-time estimates computed at {@code now}. */
public final class FlowRunJson {

    private FlowRunJson() {}

    public static ObjectNode flowRun(FlowRunRecord r, Instant now) {
        FlowRun run = r.run();
        RunBookkeeping b = run.bookkeeping();
        ObjectNode o = Json.object();
        o.put("id", run.id().toString());
        o.put("created", Json.timestamp(r.created()));
        o.put("updated", Json.timestamp(r.updated()));
        o.put("name", r.name());
        o.put("flow_id", run.flowId().toString());
        uuid(o, "state_id", b.stateId());
        uuid(o, "deployment_id", run.deploymentId());
        text(o, "deployment_version", r.deploymentVersion());
        uuid(o, "work_queue_id", r.workQueueId());
        text(o, "work_queue_name", r.workQueueName());
        text(o, "flow_version", r.flowVersion());
        o.set("parameters", orEmpty(r.parameters()));
        text(o, "idempotency_key", r.idempotencyKey());
        o.set("context", orEmpty(r.context()));
        o.set("empirical_policy", RunJson.flowRunPolicy(run.empiricalPolicy()));
        o.set("tags", Json.stringArray(r.tags()));
        o.set("labels", orEmpty(r.labels()));
        uuid(o, "parent_task_run_id", run.parentTaskRunId());
        bookkeeping(o, b, now);
        o.put("auto_scheduled", r.autoScheduled());
        uuid(o, "infrastructure_document_id", r.infrastructureDocumentId());
        text(o, "infrastructure_pid", run.infrastructurePid());
        o.set("created_by", r.createdBy() == null ? Json.NODES.nullNode() : r.createdBy());
        uuid(o, "work_pool_id", r.workPoolId());
        text(o, "work_pool_name", r.workPoolName());
        o.set("state", StateJsonWriter.state(r.state()));
        o.set("job_variables", orEmpty(r.jobVariables()));
        return o;
    }

    static ObjectNode taskRun(TaskRunRecord r, Instant now) {
        var run = r.run();
        RunBookkeeping b = run.bookkeeping();
        ObjectNode o = Json.object();
        o.put("id", run.id().toString());
        o.put("created", Json.timestamp(r.created()));
        o.put("updated", Json.timestamp(r.updated()));
        o.put("name", run.name());
        uuid(o, "flow_run_id", run.flowRunId());
        o.put("task_key", run.taskKey());
        o.put("dynamic_key", run.dynamicKey());
        text(o, "cache_key", run.cacheKey());
        instant(o, "cache_expiration", run.cacheExpiration());
        text(o, "task_version", run.taskVersion());
        o.set("empirical_policy", RunJson.taskRunPolicy(run.empiricalPolicy()));
        o.set("tags", Json.stringArray(run.tags()));
        o.set("labels", orEmpty(run.labels()));
        uuid(o, "state_id", b.stateId());
        o.set("task_inputs", orEmpty(run.taskInputs()));
        o.put("state_type", b.stateType() == null ? null : b.stateType().name());
        o.put("state_name", b.stateName());
        o.put("run_count", b.runCount());
        o.put("flow_run_run_count", run.flowRunRunCount());
        times(o, b, now);
        o.set("state", StateJsonWriter.state(r.state()));
        return o;
    }

    static ObjectNode input(FlowRunInput i) {
        ObjectNode o = Json.object();
        o.put("id", i.id().toString());
        o.put("created", Json.timestamp(i.created()));
        o.put("updated", Json.timestamp(i.updated()));
        o.put("flow_run_id", i.flowRunId().toString());
        o.put("key", i.key());
        o.put("value", i.value());
        text(o, "sender", i.sender());
        return o;
    }

    private static void bookkeeping(ObjectNode o, RunBookkeeping b, Instant now) {
        o.put("state_type", b.stateType() == null ? null : b.stateType().name());
        o.put("state_name", b.stateName());
        o.put("run_count", b.runCount());
        times(o, b, now);
    }

    private static void times(ObjectNode o, RunBookkeeping b, Instant now) {
        instant(o, "expected_start_time", b.expectedStartTime());
        instant(o, "next_scheduled_start_time", b.nextScheduledStartTime());
        instant(o, "start_time", b.startTime());
        instant(o, "end_time", b.endTime());
        o.put("total_run_time", b.totalRunTimeSeconds());
        o.put("estimated_run_time", Json.seconds(RunEstimates.estimatedRunTime(b, now)));
        o.put("estimated_start_time_delta", Json.seconds(RunEstimates.estimatedStartTimeDelta(b, now)));
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isNull() ? Json.object() : node;
    }

    private static void uuid(ObjectNode o, String key, UUID v) {
        text(o, key, v == null ? null : v.toString());
    }

    private static void instant(ObjectNode o, String key, Instant v) {
        text(o, key, v == null ? null : Json.timestamp(v));
    }

    private static void text(ObjectNode o, String key, String v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
