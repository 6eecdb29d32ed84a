package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Times;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.StateType;
import io.baton.domain.schema.JsonSchemaCheck;
import io.baton.domain.view.NextFlowRun;
import io.baton.domain.view.TaskRunDashboard;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.RouteModule;
import io.baton.http.validation.OpenApiContract;
import io.baton.json.Json;
import io.baton.storage.FlowRunStore;
import io.baton.storage.RunViewStore;
import io.baton.storage.TaskRunStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The routes the UI calls that the published schema hides ({@code /ui/...}): per-object counts, next runs, the
 * runs scatter chart, task-run dashboards and counts, a task run with its flow run's name, and parameter
 * validation against a deployment's schema.
 */
public final class UiRoutes implements RouteModule {

    static final int HISTORY_MAX_LIMIT = 1000;
    private static final ObjectNode FLOW_IDS = UiBodies.idList("flow_ids");
    private static final ObjectNode FLOW_RUN_IDS = UiBodies.idList("flow_run_ids");
    private static final ObjectNode HISTORY = history();
    private static final ObjectNode TASK_RUN_COUNT = UiBodies.filters("flows", "FlowFilter", "flow_runs", "FlowRunFilter",
            "task_runs", "TaskRunFilter", "deployments", "DeploymentFilter");
    private static final ObjectNode DASHBOARD = dashboard();
    private static final ObjectNode SCHEMA_VALIDATE = schemaValidate();

    private final RunViewStore views;
    private final FlowRunStore flowRuns;
    private final TaskRunStore taskRuns;
    private final OpenApiContract contract;

    public UiRoutes(RunViewStore views, FlowRunStore flowRuns, TaskRunStore taskRuns, OpenApiContract contract) {
        this.views = views;
        this.flowRuns = flowRuns;
        this.taskRuns = taskRuns;
        this.contract = contract;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/ui/flows/count-deployments", call -> {
            List<UUID> ids = UiBodies.uuids(UiBodies.validate(contract, FLOW_IDS, call.body()).get("flow_ids"));
            Map<UUID, Long> counts = views.deploymentCounts(ids);
            return byId(ids, id -> Json.NODES.numberNode(counts.getOrDefault(id, 0L)));
        });
        r.post("/ui/flows/next-runs", call -> {
            List<UUID> ids = UiBodies.uuids(UiBodies.validate(contract, FLOW_IDS, call.body()).get("flow_ids"));
            Map<UUID, NextFlowRun> next = views.nextRuns(ids);
            return byId(ids, id -> next.containsKey(id) ? Json.MAPPER.valueToTree(next.get(id)) : Json.NODES.nullNode());
        });
        r.post("/ui/flow_runs/count-task-runs", call -> {
            List<UUID> ids = UiBodies.uuids(UiBodies.validate(contract, FLOW_RUN_IDS, call.body()).get("flow_run_ids"));
            Map<UUID, Long> counts = views.taskRunCounts(ids);
            return byId(ids, id -> Json.NODES.numberNode(counts.getOrDefault(id, 0L)));
        });
        r.post("/ui/flow_runs/history", call -> {
            JsonNode body = UiBodies.validate(contract, HISTORY, call.body());
            int limit = body.path("limit").asInt(HISTORY_MAX_LIMIT);
            String sort = body.path("sort").isTextual() ? body.get("sort").asText() : "EXPECTED_START_TIME_DESC";
            Criterion criterion = Filters.criterion(body, FilterTargets.FLOW_RUN);
            Instant now = now();
            ArrayNode out = Json.NODES.arrayNode();
            for (FlowRunRecord run : flowRuns.filter(new Query(criterion, sort, limit, body.path("offset").asInt(0)))) {
                var b = run.run().bookkeeping();
                ObjectNode item = out.addObject();
                item.put("id", run.id().toString());
                item.put("state_type", b.stateType() == null ? null : b.stateType().name());
                Instant timestamp = b.startTime() != null ? b.startTime() : b.expectedStartTime();
                item.put("timestamp", timestamp == null ? null : Json.timestamp(timestamp));
                item.put("duration", Json.seconds(RunEstimates.estimatedRunTime(b, now)));
                item.put("lateness", Json.seconds(RunEstimates.estimatedStartTimeDelta(b, now)));
            }
            return out;
        });
        r.post("/ui/task_runs/count", call -> {
            JsonNode body = UiBodies.validate(contract, TASK_RUN_COUNT, call.body());
            Map<String, Long> counts = views.taskRunCountsByState(Filters.criterion(body, FilterTargets.TASK_RUN));
            ObjectNode out = Json.object();
            for (StateType type : List.of(StateType.COMPLETED, StateType.PENDING, StateType.RUNNING, StateType.FAILED,
                    StateType.CANCELLED, StateType.CRASHED, StateType.PAUSED, StateType.CANCELLING, StateType.SCHEDULED)) {
                out.put(type.name(), counts.getOrDefault(type.name(), 0L));
            }
            return out;
        });
        r.post("/ui/task_runs/dashboard/counts", call -> {
            ObjectNode body = (ObjectNode) UiBodies.validate(contract, DASHBOARD, call.body()).deepCopy();
            JsonNode startTime = body.path("task_runs").path("start_time");
            if (!startTime.path("after_").isTextual()) {
                throw ApiException.detail(422, "task_runs.start_time.after_ is required");
            }
            Instant start = TaskRunDashboard.windowStart(Times.parse(startTime.get("after_").asText()));
            Instant end = TaskRunDashboard.windowEnd(startTime.path("before_").isTextual()
                    ? Times.parse(startTime.get("before_").asText()) : null, now());
            // Only runs that finished count, whatever state filter was sent.
            ObjectNode types = ((ObjectNode) body.get("task_runs")).putObject("state").putObject("type");
            ArrayNode any = types.putArray("any_");
            StateType.TERMINAL.forEach(t -> any.add(t.name()));
            return TaskRunDashboard.buckets(start, end,
                    views.taskRunSamples(Filters.criterion(body, FilterTargets.TASK_RUN)));
        });
        r.get("/ui/task_runs/{id}", call -> {
            TaskRunRecord run = taskRuns.read(call.uuid("id")).orElseThrow(() -> ApiException.detail(404, "Task not found"));
            ObjectNode out = FlowRunJson.taskRun(run, now());
            UUID flowRunId = run.run().flowRunId();
            out.put("flow_run_name", flowRunId == null ? null : views.flowRunName(flowRunId).orElse(null));
            return out;
        });
        r.post("/ui/schemas/validate", call -> {
            JsonNode body = UiBodies.validate(contract, SCHEMA_VALIDATE, call.body());
            JsonSchemaCheck.Result result;
            try {
                result = JsonSchemaCheck.check(body.get("schema"), body.get("values"));
            } catch (JsonSchemaCheck.InvalidSchemaException e) {
                throw ApiException.detail(422, e.getMessage());
            }
            return result.toJson();
        });
    }

    private static ObjectNode byId(List<UUID> ids, java.util.function.Function<UUID, JsonNode> value) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id.toString(), value.apply(id)));
        ObjectNode node = Json.object();
        node.setAll(out);
        return node;
    }

    private static Instant now() {
        return Times.CLOCK.instant();
    }

    private static ObjectNode history() {
        ObjectNode schema = UiBodies.filters("flows", "FlowFilter", "flow_runs", "FlowRunFilter",
                "task_runs", "TaskRunFilter", "deployments", "DeploymentFilter", "work_pools", "WorkPoolFilter");
        ObjectNode p = UiBodies.properties(schema);
        p.putObject("sort").put("$ref", "#/components/schemas/FlowRunSort");
        p.putObject("limit").put("type", "integer").put("maximum", HISTORY_MAX_LIMIT);
        p.putObject("offset").put("type", "integer").put("minimum", 0);
        return schema;
    }

    private static ObjectNode dashboard() {
        ObjectNode schema = UiBodies.filters("flows", "FlowFilter", "flow_runs", "FlowRunFilter",
                "deployments", "DeploymentFilter", "work_pools", "WorkPoolFilter", "work_queues", "WorkQueueFilter");
        UiBodies.properties(schema).putObject("task_runs").put("$ref", "#/components/schemas/TaskRunFilter");
        schema.putArray("required").add("task_runs");
        return schema;
    }

    private static ObjectNode schemaValidate() {
        ObjectNode schema = UiBodies.object();
        UiBodies.properties(schema).putObject("schema").put("type", "object").put("additionalProperties", true);
        UiBodies.properties(schema).putObject("values").put("type", "object").put("additionalProperties", true);
        schema.putArray("required").add("schema").add("values");
        return schema;
    }
}
