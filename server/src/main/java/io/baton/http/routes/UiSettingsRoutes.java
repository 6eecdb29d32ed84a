package io.baton.http.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.javalin.http.HandlerType;

/**
 * {@code GET /ui-settings} at the root (not under {@code /api}): what the UI reads before its first API call.
 * The API URL is {@code PREFECT_UI_API_URL} when set, else the relative {@code /api}, which holds whatever
 * address or port the browser reached this server on.
 */
public final class UiSettingsRoutes implements RouteModule {

    private final Settings settings;
    private final String apiUrl;

    public UiSettingsRoutes(Settings settings, String apiUrl) {
        this.settings = settings;
        this.apiUrl = apiUrl == null || apiUrl.isBlank() ? "/api" : apiUrl;
    }

    @Override
    public void register(ApiRouter r) {
        r.routes().addHttpHandler(HandlerType.GET, "/ui-settings", ctx -> {
            if (ctx.path().endsWith("/")) {
                ctx.redirect("/ui-settings", io.javalin.http.HttpStatus.TEMPORARY_REDIRECT);
                return;
            }
            ctx.contentType("application/json").result(Json.write(document()));
        });
    }

    public ObjectNode document() {
        ObjectNode o = Json.object();
        o.put("api_url", apiUrl);
        o.put("csrf_enabled", settings.csrfProtectionEnabled());
        if (settings.authString() == null || settings.authString().isEmpty()) {
            o.putNull("auth");
        } else {
            o.put("auth", "BASIC");
        }
        o.putArray("flags");
        o.put("default_ui", "v1");
        o.putArray("available_uis").add("v1");
        o.put("v1_base_url", "/");
        o.putNull("v2_base_url");
        return o;
    }
}
