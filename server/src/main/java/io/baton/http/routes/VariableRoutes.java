package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.domain.variable.VariableRules;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.VariableStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /variables}: CRUD by id and by name, filter, count. */
public final class VariableRoutes implements RouteModule {

    private static final Map<String, String> BODY_KEYS = Map.of("variables", "variable");

    private final VariableStore variables;
    private final Settings settings;

    public VariableRoutes(VariableStore variables, Settings settings) {
        this.variables = variables;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/variables/", call -> {
            JsonNode body = call.body();
            String name = body.get("name").asText();
            JsonNode value = body.has("value") ? body.get("value") : Json.NODES.nullNode();
            checkValue(value, body);
            return variables.create(name, value, Json.stringList(body.path("tags")))
                    .map(Reply::created)
                    .orElseThrow(() -> conflict(name));
        });
        r.get("/variables/{id}", call -> variables.read(call.uuid("id")).orElseThrow(VariableRoutes::notFound));
        r.get("/variables/name/{name}", call -> variables.readByName(call.path("name")).orElseThrow(VariableRoutes::notFound));
        r.patch("/variables/{id}", call -> update(call.uuid("id"), null, call.body()));
        r.patch("/variables/name/{name}", call -> update(null, call.path("name"), call.body()));
        r.delete("/variables/{id}", call -> {
            if (!variables.delete(call.uuid("id"))) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.delete("/variables/name/{name}", call -> {
            if (!variables.deleteByName(call.path("name"))) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.post("/variables/filter", call -> {
            JsonNode body = call.body();
            return variables.filter(new Query(criterion(body), Paging.sort(body),
                    Paging.limit(body, settings.defaultLimit()), Paging.offset(body)));
        });
        r.post("/variables/count", call -> variables.count(criterion(call.body())));
    }

    private Reply update(UUID id, String name, JsonNode body) {
        Optional<String> newName = body.hasNonNull("name") ? Optional.of(body.get("name").asText()) : Optional.empty();
        Optional<JsonNode> value = body.has("value") ? Optional.of(body.get("value")) : Optional.empty();
        if (value.isPresent()) {
            checkValue(value.get(), body);
        }
        Optional<List<String>> tags = body.hasNonNull("tags") ? Optional.of(Json.stringList(body.get("tags"))) : Optional.empty();
        return switch (variables.update(id, name, newName, value, tags)) {
            case UPDATED -> Reply.noContent();
            case NOT_FOUND -> throw notFound();
            case NAME_TAKEN -> throw conflict(newName.orElseThrow());
        };
    }

    private static void checkValue(JsonNode value, JsonNode body) {
        VariableRules.valueError(value).ifPresent(message -> {
            throw ApiException.invalidField(List.of("body", "value"), message, value, body);
        });
    }

    private static Criterion criterion(JsonNode body) {
        return FilterParser.parseBody(body, "variable", BODY_KEYS);
    }

    private static ApiException conflict(String name) {
        return ApiException.detail(409, "A variable with the name '" + name + "' already exists.");
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Variable not found.");
    }
}
