package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.flow.Flow;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.FlowStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /flows}: get-or-create by name, read, update, delete, filter, count, paginate, bulk delete. */
public final class FlowRoutes implements RouteModule {

    private final FlowStore flows;
    private final Settings settings;

    public FlowRoutes(FlowStore flows, Settings settings) {
        this.flows = flows;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/flows/", call -> {
            JsonNode body = call.body();
            JsonNode labels = body.has("labels") ? body.get("labels") : Json.object();
            var upserted = flows.createOrGet(body.get("name").asText(), Json.stringList(body.path("tags")), labels);
            return Reply.createdOrOk(upserted.created(), upserted.value());
        });
        r.get("/flows/{id}", call -> flows.read(call.uuid("id")).orElseThrow(() -> ApiException.notFound("Flow")));
        r.get("/flows/name/{name}", call -> flows.readByName(call.path("name"))
                .orElseThrow(() -> ApiException.notFound("Flow")));
        r.patch("/flows/{id}", call -> {
            JsonNode body = call.body();
            Optional<List<String>> tags = body.has("tags") ? Optional.of(Json.stringList(body.get("tags"))) : Optional.empty();
            Optional<JsonNode> labels = body.has("labels") ? Optional.of(body.get("labels")) : Optional.empty();
            if (!flows.update(call.uuid("id"), tags, labels)) {
                throw ApiException.notFound("Flow");
            }
            return Reply.noContent();
        });
        r.delete("/flows/{id}", call -> {
            if (!flows.delete(call.uuid("id"))) {
                throw ApiException.notFound("Flow");
            }
            return Reply.noContent();
        });
        r.post("/flows/filter", call -> flows.filter(Filters.query(call.body(), FilterTargets.FLOW, settings.defaultLimit())));
        r.post("/flows/count", call -> flows.count(Filters.criterion(call.body(), FilterTargets.FLOW)));
        r.post("/flows/paginate", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            Criterion criterion = Filters.criterion(body, FilterTargets.FLOW);
            List<Flow> results = flows.filter(new Query(criterion, Paging.sort(body), limit, (page - 1) * limit));
            return Paging.Page.of(results, flows.count(criterion), limit, page);
        });
        r.post("/flows/bulk_delete", call -> {
            int limit = call.body().path("limit").asInt(50);
            List<UUID> deleted = flows.bulkDelete(Filters.criterion(call.body(), FilterTargets.FLOW), limit);
            return Map.of("deleted", deleted);
        });
    }
}
