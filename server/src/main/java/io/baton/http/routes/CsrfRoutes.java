package io.baton.http.routes;

import io.baton.app.Settings;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.baton.storage.CsrfTokenStore;

/** {@code GET /csrf-token?client=}: issues a token, or tells the client CSRF protection is off. */
public final class CsrfRoutes implements RouteModule {

    private final Settings settings;
    private final CsrfTokenStore tokens;

    public CsrfRoutes(Settings settings, CsrfTokenStore tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/csrf-token", call -> {
            if (!settings.csrfProtectionEnabled()) {
                throw ApiException.detail(422, "CSRF protection is disabled.");
            }
            String client = call.query().path("client").asText(call.ctx().queryParam("client"));
            if (client == null || client.isEmpty()) {
                throw ApiException.detail(422, "Missing client identifier.");
            }
            return tokens.issue(client, settings.csrfTokenExpiration());
        });
    }
}
