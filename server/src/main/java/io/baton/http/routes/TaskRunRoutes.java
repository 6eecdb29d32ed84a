package io.baton.http.routes;

import static io.baton.http.routes.RunRequests.client;
import static io.baton.http.routes.RunRequests.instant;
import static io.baton.http.routes.RunRequests.json;
import static io.baton.http.routes.RunRequests.text;
import static io.baton.http.routes.RunRequests.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.run.NewTaskRun;
import io.baton.domain.run.TaskRunRecord;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.FlowRunStore.Transition;
import io.baton.storage.TaskRunStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /task_runs}: create (subflow parents, deferred tasks), read, rename, delete, filter, history, set_state. */
public final class TaskRunRoutes implements RouteModule {

    private final TaskRunStore runs;
    private final Settings settings;

    public TaskRunRoutes(TaskRunStore runs, Settings settings) {
        this.runs = runs;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/task_runs/", call -> {
            var upserted = runs.create(newRun(call.body()), client(call));
            return Reply.createdOrOk(upserted.created(), FlowRunJson.taskRun(upserted.value(), now()));
        });
        r.get("/task_runs/{id}", call -> FlowRunJson.taskRun(runs.read(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Task run")), now()));
        r.patch("/task_runs/{id}", call -> {
            if (!runs.rename(call.uuid("id"), text(call.body(), "name"))) {
                throw ApiException.notFound("Task run");
            }
            return Reply.noContent();
        });
        r.delete("/task_runs/{id}", call -> {
            if (!runs.delete(call.uuid("id"))) {
                throw ApiException.notFound("Task run");
            }
            return Reply.noContent();
        });
        r.post("/task_runs/filter", call -> page(runs.filter(
                Filters.query(call.body(), FilterTargets.TASK_RUN, settings.defaultLimit()))));
        r.post("/task_runs/count", call -> runs.count(Filters.criterion(call.body(), FilterTargets.TASK_RUN)));
        r.post("/task_runs/paginate", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            Criterion criterion = Filters.criterion(body, FilterTargets.TASK_RUN);
            List<ObjectNode> results = page(runs.filter(new Query(criterion, Paging.sort(body), limit, (page - 1) * limit)));
            return Paging.Page.of(results, runs.count(criterion), limit, page);
        });
        r.post("/task_runs/history", call -> {
            var window = RunRequests.HistoryWindow.of(call.body());
            return StateJsonWriter.history(runs.history(Filters.criterion(call.body(), FilterTargets.TASK_RUN),
                    window.start(), window.end(), window.interval()));
        });
        r.post("/task_runs/{id}/set_state", call -> {
            UUID id = call.uuid("id");
            Transition t = runs.setState(id, StateJsonWriter.proposal(call.body().get("state")),
                    call.body().path("force").asBoolean(false), client(call))
                    .orElseThrow(() -> ApiException.exceptionMessage(404, "Task run with id " + id + " not found"));
            return new Reply(t.stateWritten() ? 201 : 200, StateJsonWriter.result(t));
        });
    }

    private List<ObjectNode> page(List<TaskRunRecord> records) {
        Instant now = now();
        return records.stream().map(r -> FlowRunJson.taskRun(r, now)).toList();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static NewTaskRun newRun(JsonNode b) {
        return new NewTaskRun(uuid(b, "id"), StateJsonWriter.proposal(b.get("state")), text(b, "name"),
                uuid(b, "flow_run_id"), text(b, "task_key"), text(b, "dynamic_key"), text(b, "cache_key"),
                instant(b, "cache_expiration"), text(b, "task_version"), RunRequests.taskRunPolicy(b),
                RunRequests.strings(b, "tags"), json(b, "labels"), json(b, "task_inputs"));
    }
}
