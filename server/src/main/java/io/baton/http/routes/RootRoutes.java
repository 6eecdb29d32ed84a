package io.baton.http.routes;

import io.baton.app.Settings;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.http.ApiRouter;
import io.baton.json.Json;
import io.baton.storage.Database;

/** Liveness, readiness, protocol version and the smoke-test greeting. */
public final class RootRoutes implements RouteModule {

    private final Database db;

    public RootRoutes(Database db) {
        this.db = db;
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/health", call -> true);
        r.get("/version", call -> Settings.API_VERSION);
        r.get("/hello", call -> "\uD83D\uDC4B");
        r.get("/ready", call -> db.isAvailable()
                ? Reply.ok(Json.object().put("message", "OK"))
                : new Reply(503, Json.object().put("message", "Database is not available")));
    }
}
