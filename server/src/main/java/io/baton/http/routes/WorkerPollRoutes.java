package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.work.SlotUsage;
import io.baton.domain.work.WorkerFlowRun;
import io.baton.domain.work.WorkerPoll;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.WorkerPollStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Polling for work: workers ({@code /work_pools/{name}/get_scheduled_flow_runs}), legacy agents
 * ({@code /work_queues/{id}/get_runs}) and runners ({@code /deployments/get_scheduled_flow_runs}), plus the
 * pool and queue slot usage views.
 */
public final class WorkerPollRoutes implements RouteModule {

    private final WorkerPollStore polls;
    private final Settings settings;

    public WorkerPollRoutes(WorkerPollStore polls, Settings settings) {
        this.polls = polls;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/work_pools/{name}/get_scheduled_flow_runs", call -> {
            JsonNode body = call.body();
            WorkerPoll poll = new WorkerPoll(RunRequests.strings(body, "work_queue_names"),
                    RunRequests.instant(body, "scheduled_before"), RunRequests.instant(body, "scheduled_after"),
                    Paging.limit(body, settings.defaultLimit()));
            Instant now = now();
            List<WorkerFlowRun> runs = StoreErrors.call(() -> polls.pollPool(call.path("name"), poll, now));
            List<ObjectNode> out = new ArrayList<>(runs.size());
            for (WorkerFlowRun run : runs) {
                ObjectNode item = Json.object();
                item.put("work_pool_id", run.workPoolId().toString());
                item.put("work_queue_id", run.workQueueId().toString());
                item.set("flow_run", workerFlowRun(run.run(), now));
                out.add(item);
            }
            return out;
        });
        r.post("/work_queues/{id}/get_runs", call -> {
            JsonNode body = call.body();
            // The UI lists a queue's runs through this route too; that is no poll.
            boolean fromUi = "true".equalsIgnoreCase(String.valueOf(call.header("x-prefect-ui")).trim());
            Instant now = now();
            List<FlowRunRecord> runs = polls.pollQueue(call.uuid("id"), RunRequests.instant(body, "scheduled_before"),
                    Paging.limit(body, settings.defaultLimit()), !fromUi, now)
                    .orElseThrow(() -> ApiException.notFound("Work Queue"));
            return runs.stream().map(run -> FlowRunJson.flowRun(run, now)).toList();
        });
        r.post("/deployments/get_scheduled_flow_runs", call -> {
            JsonNode body = call.body();
            List<UUID> ids = new ArrayList<>();
            body.path("deployment_ids").forEach(id -> ids.add(UUID.fromString(id.asText())));
            Instant now = now();
            return polls.pollDeployments(ids, RunRequests.instant(body, "scheduled_before"),
                    Paging.limit(body, settings.defaultLimit()), now)
                    .stream().map(run -> FlowRunJson.flowRun(run, now)).toList();
        });
        r.post("/work_pools/{name}/concurrency_status", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            int runsPerQueue = body.path("flow_run_limit").asInt(10);
            SlotUsage.Pool pool = polls.poolSlots(call.path("name"), (page - 1) * limit, limit, runsPerQueue)
                    .orElseThrow(() -> WorkPoolRoutes.notFound(call.path("name")));
            Instant now = now();
            ObjectNode out = Json.object();
            out.put("active_slots", pool.activeSlots());
            putInteger(out, "concurrency_limit", pool.concurrencyLimit());
            var queues = out.putArray("queues");
            for (SlotUsage.Queue q : pool.queues()) {
                ObjectNode item = queues.addObject();
                item.put("queue_id", q.queueId().toString());
                item.put("queue_name", q.queueName());
                item.put("active_slots", q.activeSlots());
                putInteger(item, "concurrency_limit", q.concurrencyLimit());
                item.set("flow_runs", holders(q.runs(), now));
                item.put("flow_run_count", q.runCount());
            }
            pageFields(out, pool.queueCount(), limit, page);
            return out;
        });
        r.post("/work_queues/{id}/concurrency_status", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            SlotUsage.Queue q = polls.queueSlots(call.uuid("id"), (page - 1) * limit, limit)
                    .orElseThrow(() -> ApiException.notFound("Work Queue"));
            ObjectNode out = Json.object();
            out.put("active_slots", q.activeSlots());
            putInteger(out, "concurrency_limit", q.concurrencyLimit());
            out.set("flow_runs", holders(q.runs(), now()));
            pageFields(out, q.runCount(), limit, page);
            return out;
        });
    }

    /**
     * The worker's {@code FlowRun}: no pool fields, and {@code state} null as the upstream server leaves the state
     * relation unloaded; {@code state_type} and {@code state_name} say where the run is.
     */
    static ObjectNode workerFlowRun(FlowRunRecord run, Instant now) {
        ObjectNode o = FlowRunJson.flowRun(run, now);
        o.remove("work_pool_id");
        o.remove("work_pool_name");
        o.putNull("state");
        return o;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode holders(List<SlotUsage.Holder> runs, Instant now) {
        var list = Json.array();
        for (SlotUsage.Holder h : runs) {
            ObjectNode o = list.addObject();
            o.put("id", h.id().toString());
            o.put("name", h.name());
            o.put("state_type", h.stateType());
            o.put("state_name", h.stateName());
            o.put("start_time", h.startTime() == null ? null : Json.timestamp(h.startTime()));
            o.put("state_timestamp", h.stateTimestamp() == null ? null : Json.timestamp(h.stateTimestamp()));
            if (h.stateTimestamp() == null) {
                o.putNull("time_in_current_state");
            } else {
                o.put("time_in_current_state", Json.seconds(Duration.between(h.stateTimestamp(), now)));
            }
        }
        return list;
    }

    private static void pageFields(ObjectNode out, long count, int limit, int page) {
        out.put("count", count);
        out.put("limit", limit);
        out.put("pages", limit == 0 ? 0 : (count + limit - 1) / limit);
        out.put("page", page);
    }

    private static void putInteger(ObjectNode o, String key, Integer v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /** Poll windows and slot ages are measured on the server's clock. */
    private Instant now() {
        return settings.clock().instant();
    }
}
