package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.http.validation.ValidationError;
import io.baton.json.Json;
import io.baton.storage.DatabaseAdmin;
import java.util.List;

/**
 * {@code POST /admin/database/clear|drop|create}: the route group Prefect 3.0-3.7 served (not in
 * {@code openapi.json}). Each does nothing and answers 400 with no body unless the body says
 * {@code {"confirm": true}}; done, it answers 204. Guarded by the server's auth like every route.
 */
public final class AdminDatabaseRoutes implements RouteModule {

    private final DatabaseAdmin admin;

    public AdminDatabaseRoutes(DatabaseAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/admin/database/clear", call -> confirmed(call, admin::clear));
        r.post("/admin/database/drop", call -> confirmed(call, admin::drop));
        r.post("/admin/database/create", call -> confirmed(call, admin::create));
    }

    private static Reply confirmed(ApiCall call, Runnable work) {
        if (!confirm(call.body())) {
            return Reply.empty(400);
        }
        work.run();
        return Reply.noContent();
    }

    private static boolean confirm(JsonNode body) {
        if (body == null || body.isNull()) {
            return false;
        }
        if (!body.isObject()) {
            throw invalid(List.of("body"), "model_attributes_type", "Input should be a valid dictionary or object", body,
                    body);
        }
        JsonNode confirm = body.get("confirm");
        if (confirm == null || confirm.isNull()) {
            return false;
        }
        if (!confirm.isBoolean()) {
            throw invalid(List.of("body", "confirm"), "bool_type", "Input should be a valid boolean", confirm, body);
        }
        return confirm.booleanValue();
    }

    private static ApiException invalid(List<Object> loc, String type, String message, JsonNode input,
                                        JsonNode request) {
        return ApiException.validation(List.of(new ValidationError(type, loc, message, input, null)), request);
    }
}
