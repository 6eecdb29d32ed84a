package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.work.WorkPool;
import io.baton.domain.work.WorkPoolChanges;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueChanges;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.WorkPoolStore;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.jdbc.filter.FilterTargets;

/**
 * {@code /work_pools}: pools (names starting with "prefect" are reserved) and the queues inside a pool,
 * addressed by name.
 */
public final class WorkPoolRoutes implements RouteModule {

    private final WorkPoolStore pools;
    private final WorkQueueStore queues;
    private final Settings settings;

    public WorkPoolRoutes(WorkPoolStore pools, WorkQueueStore queues, Settings settings) {
        this.pools = pools;
        this.queues = queues;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/work_pools/", call -> {
            JsonNode body = call.body();
            String name = body.get("name").asText();
            if (WorkPool.isReserved(name)) {
                throw ApiException.detail(403, WorkPool.RESERVED_MESSAGE);
            }
            WorkPool pool = StoreErrors.call(() -> pools.create(name, text(body, "description"),
                    body.path("type").asText(WorkPool.DEFAULT_AGENT_POOL_TYPE), body.get("base_job_template"),
                    body.path("is_paused").asBoolean(false),
                    body.hasNonNull("concurrency_limit") ? body.get("concurrency_limit").asInt() : null,
                    body.get("storage_configuration")));
            return Reply.created(pool);
        });
        r.get("/work_pools/{name}", call -> pool(call.path("name")));
        r.patch("/work_pools/{name}", call -> {
            WorkPoolChanges changes = WorkPoolChanges.from(call.body());
            if (WorkPool.isReserved(call.path("name")) && !changes.onlyPauseOrConcurrency()) {
                throw ApiException.detail(403, "Work pools starting with 'Prefect' are reserved for internal use "
                        + "and can only be updated to set concurrency limits or pause.");
            }
            if (!pools.update(call.path("name"), changes)) {
                throw notFound(call.path("name"));
            }
            return Reply.noContent();
        });
        r.delete("/work_pools/{name}", call -> {
            if (WorkPool.isReserved(call.path("name"))) {
                throw ApiException.detail(403, "Work pools starting with 'Prefect' are reserved for internal use "
                        + "and can not be deleted.");
            }
            if (!pools.delete(call.path("name"))) {
                throw notFound(call.path("name"));
            }
            return Reply.noContent();
        });
        r.post("/work_pools/filter", call ->
                pools.filter(Filters.query(call.body(), FilterTargets.WORK_POOL, settings.defaultLimit())));
        r.post("/work_pools/count", call -> pools.count(Filters.criterion(call.body(), FilterTargets.WORK_POOL)));

        r.post("/work_pools/{work_pool_name}/queues", call -> Reply.created(StoreErrors.call(() ->
                queues.create(call.path("work_pool_name"), WorkQueueRoutes.spec(call.body())))));
        r.get("/work_pools/{work_pool_name}/queues/{name}", call -> queue(call.path("work_pool_name"), call.path("name")));
        r.patch("/work_pools/{work_pool_name}/queues/{name}", call -> {
            WorkQueue queue = queue(call.path("work_pool_name"), call.path("name"));
            StoreErrors.call(() -> queues.update(queue.id(), WorkQueueChanges.from(call.body())));
            return Reply.noContent();
        });
        r.delete("/work_pools/{work_pool_name}/queues/{name}", call -> {
            WorkPool pool = pool(call.path("work_pool_name"));
            WorkQueue queue = queue(call.path("work_pool_name"), call.path("name"));
            if (queue.id().equals(pool.defaultQueueId())) {
                throw ApiException.detail(400, "Can't delete a pool's default queue.");
            }
            StoreErrors.call(() -> queues.delete(queue.id()));
            return Reply.noContent();
        });
        r.post("/work_pools/{work_pool_name}/queues/filter", call -> {
            pool(call.path("work_pool_name"));
            return queues.filter(call.path("work_pool_name"),
                    Filters.query(call.body(), FilterTargets.WORK_QUEUE, settings.defaultLimit()));
        });
    }

    private WorkPool pool(String name) {
        return pools.read(name).orElseThrow(() -> notFound(name));
    }

    private WorkQueue queue(String poolName, String queueName) {
        pool(poolName);
        return queues.read(poolName, queueName).orElseThrow(() ->
                ApiException.detail(404, "Work pool queue '" + poolName + "/" + queueName + "' not found."));
    }

    static ApiException notFound(String poolName) {
        return ApiException.detail(404, "Work pool \"" + poolName + "\" not found.");
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }
}
