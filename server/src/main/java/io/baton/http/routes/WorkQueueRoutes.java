package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.Times;
import io.baton.domain.work.WorkPool;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueChanges;
import io.baton.domain.work.WorkQueueSpec;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;

/**
 * {@code /work_queues}: queues by id across pools; queues created here without a pool live in the legacy
 * {@code default-agent-pool}, which is also where {@code /work_queues/name/{name}} looks.
 */
public final class WorkQueueRoutes implements RouteModule {

    private final WorkQueueStore queues;
    private final Settings settings;

    public WorkQueueRoutes(WorkQueueStore queues, Settings settings) {
        this.queues = queues;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/work_queues/", call -> Reply.created(StoreErrors.call(() -> queues.create(null, spec(call.body())))));
        r.get("/work_queues/{id}", call -> queue(call));
        r.get("/work_queues/name/{name}", call -> queues.read(WorkPool.DEFAULT_AGENT_POOL, call.path("name"))
                .orElseThrow(() -> ApiException.notFound("Work Queue")));
        r.patch("/work_queues/{id}", call -> {
            if (!StoreErrors.call(() -> queues.update(call.uuid("id"), WorkQueueChanges.from(call.body())))) {
                throw ApiException.notFound("Work Queue");
            }
            return Reply.noContent();
        });
        r.delete("/work_queues/{id}", call -> {
            if (!StoreErrors.call(() -> queues.delete(call.uuid("id")))) {
                throw ApiException.notFound("Work Queue");
            }
            return Reply.noContent();
        });
        r.post("/work_queues/filter", call ->
                queues.filter(null, Filters.query(call.body(), FilterTargets.WORK_QUEUE, settings.defaultLimit())));
        r.get("/work_queues/{id}/status", call -> {
            WorkQueue queue = queue(call);
            Instant now = Times.now();
            long late = queues.lateRuns(queue.id(), now);
            boolean recentlyPolled = queue.lastPolled() != null
                    && queue.lastPolled().isAfter(now.minus(WorkQueue.READY_POLL_WINDOW));
            var policy = Json.object().put("maximum_late_runs", 0)
                    .put("maximum_seconds_since_last_polled", WorkQueue.READY_POLL_WINDOW.toSeconds());
            var detail = Json.object().put("healthy", late == 0 && recentlyPolled).put("late_runs_count", late);
            detail.set("last_polled", Json.toTree(queue.lastPolled()));
            detail.set("health_check_policy", policy);
            return detail;
        });
    }

    private WorkQueue queue(io.baton.http.ApiCall call) {
        return queues.read(call.uuid("id")).orElseThrow(() -> ApiException.notFound("Work Queue"));
    }

    static WorkQueueSpec spec(JsonNode body) {
        return new WorkQueueSpec(body.get("name").asText(),
                body.hasNonNull("description") ? body.get("description").asText() : "",
                body.path("is_paused").asBoolean(false),
                body.hasNonNull("concurrency_limit") ? body.get("concurrency_limit").asInt() : null,
                body.hasNonNull("priority") ? body.get("priority").asInt() : null,
                body.hasNonNull("filter") ? body.get("filter") : null);
    }
}
