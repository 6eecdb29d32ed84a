package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Times;
import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.baton.http.ws.PrefectSocket;
import io.baton.http.ws.TaskRunSubscriptionSocket;
import io.baton.json.Json;
import io.baton.storage.DeferredTaskStore;
import io.baton.tasks.DeliveryClaims;
import io.baton.tasks.TaskQueues;
import io.baton.tasks.TaskWorkers;
import java.util.ArrayList;
import java.util.List;

/** Background tasks: {@code POST /task_workers/filter} and the {@code /task_runs/subscriptions/scheduled} websocket. */
public final class TaskWorkerRoutes implements RouteModule {

    private final TaskQueues queues;
    private final TaskWorkers workers;
    private final DeferredTaskStore deferred;
    private final DeliveryClaims claims;
    private final PrefectSocket sockets;

    public TaskWorkerRoutes(TaskQueues queues, TaskWorkers workers, DeferredTaskStore deferred, DeliveryClaims claims,
                            PrefectSocket sockets) {
        this.queues = queues;
        this.claims = claims;
        this.workers = workers;
        this.deferred = deferred;
        this.sockets = sockets;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/task_workers/filter", call -> {
            List<String> keys = new ArrayList<>();
            JsonNode body = call.body();
            if (body != null) {
                body.path("task_worker_filter").path("task_keys").forEach(k -> keys.add(k.asText()));
            }
            ArrayNode out = Json.NODES.arrayNode();
            for (TaskWorkers.TaskWorker w : workers.serving(keys)) {
                ObjectNode o = out.addObject();
                o.put("identifier", w.identifier());
                ArrayNode k = o.putArray("task_keys");
                w.taskKeys().forEach(k::add);
                o.put("timestamp", Json.timestamp(w.timestamp()));
            }
            return out;
        });
        r.routes().ws(r.basePath() + "/task_runs/subscriptions/scheduled", sockets.endpoint(
                new TaskRunSubscriptionSocket(queues, workers, deferred, claims,
                        run -> Json.write(FlowRunJson.taskRun(run, Times.CLOCK.instant())))));
    }
}
