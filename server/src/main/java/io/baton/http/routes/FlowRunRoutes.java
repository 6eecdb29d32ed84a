package io.baton.http.routes;

import static io.baton.http.routes.RunRequests.client;
import static io.baton.http.routes.RunRequests.json;
import static io.baton.http.routes.RunRequests.refusals;
import static io.baton.http.routes.RunRequests.text;
import static io.baton.http.routes.RunRequests.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.run.FlowRunPatch;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.run.RunJson;
import io.baton.domain.state.StateType;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.DeploymentStore;
import io.baton.storage.FlowRunStore;
import io.baton.storage.FlowRunStore.Transition;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /flow_runs}: create, read, update, delete, filter, history, labels and orchestration (set_state, resume). */
public final class FlowRunRoutes implements RouteModule {

    private final FlowRunStore runs;
    private final DeploymentStore deployments;
    private final DeploymentInputs inputs;
    private final Settings settings;

    public FlowRunRoutes(FlowRunStore runs, DeploymentStore deployments, DeploymentInputs inputs, Settings settings) {
        this.runs = runs;
        this.deployments = deployments;
        this.inputs = inputs;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/flow_runs/", call -> {
            var upserted = refusals(() -> runs.create(newRun(call.body()), client(call)));
            return Reply.createdOrOk(upserted.created(), FlowRunJson.flowRun(upserted.value(), now()));
        });
        r.get("/flow_runs/{id}", call -> FlowRunJson.flowRun(runs.read(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Flow run")), now()));
        r.patch("/flow_runs/{id}", call -> {
            checkJobVariables(call.uuid("id"), call.body().get("job_variables"));
            if (!refusals(() -> runs.update(call.uuid("id"), patch(call.body())))) {
                throw ApiException.notFound("Flow run");
            }
            return Reply.noContent();
        });
        r.delete("/flow_runs/{id}", call -> {
            if (!runs.delete(call.uuid("id"))) {
                throw ApiException.notFound("Flow run");
            }
            return Reply.noContent();
        });
        r.patch("/flow_runs/{id}/labels", call -> {
            if (!runs.mergeLabels(call.uuid("id"), call.body())) {
                throw ApiException.notFound("Flow run");
            }
            return Reply.noContent();
        });
        r.post("/flow_runs/filter", call -> page(runs.filter(
                Filters.query(call.body(), FilterTargets.FLOW_RUN, settings.defaultLimit()))));
        r.post("/flow_runs/count", call -> runs.count(Filters.criterion(call.body(), FilterTargets.FLOW_RUN)));
        r.post("/flow_runs/paginate", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            Criterion criterion = Filters.criterion(body, FilterTargets.FLOW_RUN);
            List<ObjectNode> results = page(runs.filter(new Query(criterion, Paging.sort(body), limit, (page - 1) * limit)));
            return Paging.Page.of(results, runs.count(criterion), limit, page);
        });
        r.post("/flow_runs/history", call -> {
            var window = RunRequests.HistoryWindow.of(call.body());
            return StateJsonWriter.history(runs.history(Filters.criterion(call.body(), FilterTargets.FLOW_RUN),
                    window.start(), window.end(), window.interval()));
        });
        r.post("/flow_runs/bulk_delete", call -> {
            int limit = call.body().path("limit").asInt(50);
            return Map.of("deleted", runs.bulkDelete(Filters.criterion(call.body(), FilterTargets.FLOW_RUN), limit));
        });
        r.post("/flow_runs/{id}/set_state", call -> {
            UUID id = call.uuid("id");
            Transition t = runs.setState(id, StateJsonWriter.proposal(call.body().get("state")),
                    call.body().path("force").asBoolean(false), client(call)).orElseThrow(() -> missing(id));
            return new Reply(t.stateWritten() ? 201 : 200, StateJsonWriter.result(t));
        });
        r.post("/flow_runs/bulk_set_state", call -> {
            JsonNode body = call.body();
            List<Transition> results = runs.bulkSetState(Filters.criterion(body, FilterTargets.FLOW_RUN),
                    StateJsonWriter.proposal(body.get("state")), body.path("force").asBoolean(false),
                    body.path("limit").asInt(50), client(call));
            ObjectNode out = Json.object();
            var list = out.putArray("results");
            for (Transition t : results) {
                ObjectNode item = list.addObject();
                item.put("flow_run_id", t.runId().toString());
                item.setAll(StateJsonWriter.result(t));
            }
            return out;
        });
        r.post("/flow_runs/{id}/resume", call -> {
            UUID id = call.uuid("id");
            Transition t = runs.resume(id, call.body().get("run_input"), client(call)).orElseThrow(() -> missing(id));
            return new Reply(t.stateWritten() ? 201 : 200, StateJsonWriter.result(t));
        });
    }

    static ApiException missing(UUID id) {
        return ApiException.exceptionMessage(404, "Flow run with id " + id + " not found");
    }

    /**
     * New job variables of a run its deployment's pool can take (a 422); only once the store's own refusals
     * (state, missing deployment) would let them through, so those keep answering first.
     */
    private void checkJobVariables(UUID id, JsonNode jobVariables) {
        if (jobVariables == null || jobVariables.isNull()) {
            return;
        }
        runs.read(id)
                .filter(run -> run.bookkeeping().stateType() == StateType.SCHEDULED)
                .map(run -> run.run().deploymentId())
                .flatMap(deployments::read)
                .ifPresent(deployment -> inputs.checkRun(deployment, jobVariables, "Error updating flow run"));
    }

    private List<ObjectNode> page(List<FlowRunRecord> records) {
        Instant now = now();
        return records.stream().map(r -> FlowRunJson.flowRun(r, now)).toList();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static NewFlowRun newRun(JsonNode b) {
        return new NewFlowRun(uuid(b, "flow_id"), text(b, "name"), StateJsonWriter.proposal(b.get("state")),
                text(b, "flow_version"), json(b, "parameters"), json(b, "context"), uuid(b, "parent_task_run_id"),
                uuid(b, "infrastructure_document_id"), RunJson.flowRunPolicy(b.get("empirical_policy")),
                RunRequests.strings(b, "tags"), json(b, "labels"), text(b, "idempotency_key"),
                text(b, "work_pool_name"), text(b, "work_queue_name"), json(b, "job_variables"),
                uuid(b, "deployment_id"));
    }

    private static FlowRunPatch patch(JsonNode b) {
        return new FlowRunPatch(
                b.has("name") && !b.get("name").isNull() ? Optional.of(b.get("name").asText()) : Optional.empty(),
                b.has("flow_version") && !b.get("flow_version").isNull()
                        ? Optional.of(b.get("flow_version").asText()) : Optional.empty(),
                b.has("parameters") && !b.get("parameters").isNull() ? Optional.of(b.get("parameters")) : Optional.empty(),
                b.has("empirical_policy") && !b.get("empirical_policy").isNull()
                        ? Optional.of(RunJson.flowRunPolicy(b.get("empirical_policy"))) : Optional.empty(),
                b.has("tags") && !b.get("tags").isNull() ? Optional.of(RunRequests.strings(b, "tags")) : Optional.empty(),
                b.has("infrastructure_pid") && !b.get("infrastructure_pid").isNull()
                        ? Optional.of(b.get("infrastructure_pid").asText()) : Optional.empty(),
                b.has("job_variables") && !b.get("job_variables").isNull()
                        ? Optional.of(b.get("job_variables")) : Optional.empty());
    }
}
