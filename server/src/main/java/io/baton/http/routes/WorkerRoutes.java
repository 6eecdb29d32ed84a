package io.baton.http.routes;

import io.baton.app.Settings;
import io.baton.domain.Times;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.WorkerStore;
import io.baton.storage.jdbc.filter.FilterTargets;

/**
 * Workers of a pool: REST heartbeats, listing and deletion. The optional worker-channel websocket
 * ({@code /work_pools/{name}/workers/connect}) is deliberately not served: its upgrade gets a 404 and
 * workers fall back to these REST heartbeats.
 */
public final class WorkerRoutes implements RouteModule {

    private final WorkerStore workers;
    private final Settings settings;

    public WorkerRoutes(WorkerStore workers, Settings settings) {
        this.workers = workers;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/work_pools/{work_pool_name}/workers/heartbeat", call -> {
            var body = call.body();
            Integer interval = body.hasNonNull("heartbeat_interval_seconds") ? body.get("heartbeat_interval_seconds").asInt() : null;
            StoreErrors.run(() -> workers.heartbeat(call.path("work_pool_name"), body.get("name").asText(), interval, Times.now()));
            return Reply.noContent();
        });
        r.post("/work_pools/{work_pool_name}/workers/filter", call -> workers.filter(call.path("work_pool_name"),
                        Filters.query(call.body(), FilterTargets.WORKER, settings.defaultLimit()), Times.now())
                .orElseThrow(() -> WorkPoolRoutes.notFound(call.path("work_pool_name"))));
        r.delete("/work_pools/{work_pool_name}/workers/{name}", call -> {
            if (!workers.delete(call.path("work_pool_name"), call.path("name"))) {
                throw ApiException.notFound("Worker");
            }
            return Reply.noContent();
        });
    }
}
