package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.ArtifactStore;
import io.baton.storage.jdbc.filter.ArtifactFilterTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /artifacts}: create, read, update, delete, latest per key, filter and count of both. */
public final class ArtifactRoutes implements RouteModule {

    private static final List<String> UPDATABLE = List.of("data", "description", "metadata_");

    private final ArtifactStore artifacts;
    private final Settings settings;

    public ArtifactRoutes(ArtifactStore artifacts, Settings settings) {
        this.artifacts = artifacts;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/artifacts/", call -> Reply.created(artifacts.create(call.body())));
        r.get("/artifacts/{id}", call -> artifacts.read(call.uuid("id")).orElseThrow(ArtifactRoutes::notFound));
        r.patch("/artifacts/{id}", call -> {
            Map<String, JsonNode> changes = new LinkedHashMap<>();
            for (String key : UPDATABLE) {
                if (call.body().has(key)) {
                    changes.put(key, call.body().get(key));
                }
            }
            if (!artifacts.update(call.uuid("id"), changes)) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.delete("/artifacts/{id}", call -> {
            if (!artifacts.delete(call.uuid("id"))) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.get("/artifacts/{key}/latest", call -> artifacts.latest(call.path("key")).orElseThrow(ArtifactRoutes::notFound));
        r.post("/artifacts/filter", call -> artifacts.filter(query(call.body())));
        r.post("/artifacts/count", call -> artifacts.count(criterion(call.body())));
        r.post("/artifacts/latest/filter", call -> artifacts.filterLatest(query(call.body())));
        r.post("/artifacts/latest/count", call -> artifacts.countLatest(criterion(call.body())));
    }

    private Query query(JsonNode body) {
        return new Query(criterion(body), Paging.sort(body), Paging.limit(body, settings.defaultLimit()), Paging.offset(body));
    }

    private static Criterion criterion(JsonNode body) {
        return FilterParser.parseBody(body, ArtifactFilterTargets.ARTIFACT, ArtifactFilterTargets.BODY_KEYS);
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Artifact not found");
    }
}
