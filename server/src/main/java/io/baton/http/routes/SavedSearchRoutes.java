package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.SavedSearchStore;

/** {@code /saved_searches}: upsert by name, read, delete, list. */
public final class SavedSearchRoutes implements RouteModule {

    private final SavedSearchStore searches;
    private final Settings settings;

    public SavedSearchRoutes(SavedSearchStore searches, Settings settings) {
        this.searches = searches;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.put("/saved_searches/", call -> {
            JsonNode body = call.body();
            var upserted = searches.upsert(body.get("name").asText(), body.get("filters"));
            return Reply.createdOrOk(upserted.created(), upserted.value());
        });
        r.get("/saved_searches/{id}", call -> searches.read(call.uuid("id")).orElseThrow(SavedSearchRoutes::notFound));
        r.delete("/saved_searches/{id}", call -> {
            if (!searches.delete(call.uuid("id"))) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.post("/saved_searches/filter", call -> searches.list(Paging.limit(call.body(), settings.defaultLimit()),
                Paging.offset(call.body())));
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Saved search not found");
    }
}
