package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.RawHttp;
import io.baton.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DbKind.class)
class AuthAndCsrfTest {

    @Parameter
    DbKind db;

    @Test
    void basicAuthGuardsEveryRouteButTheProbes() {
        try (BatonServer server = TestServers.fresh(db, s -> s.withAuthString("admin:pass"))) {
            ApiClient api = new ApiClient(server);
            var denied = api.post("/flows/filter", "{}").expect(401);
            assertThat(denied.body().get("exception_message").asText()).isEqualTo("Unauthorized");
            api.get("/health").expect(200);
            api.get("/ready").expect(200);
            String header = "Basic " + Base64.getEncoder().encodeToString("admin:pass".getBytes(StandardCharsets.UTF_8));
            api.send("POST", "/flows/filter", "{}", Map.of("Authorization", header)).expect(200);
            api.send("POST", "/flows/filter", "{}", Map.of("Authorization", "Basic bm9wZQ==")).expect(401);
        }
    }

    @Test
    void credentialsAreCheckedPerRequestOnOneKeepAliveConnection() {
        try (BatonServer server = TestServers.fresh(db, s -> s.withAuthString("admin:pass"))) {
            String right = "Basic " + Base64.getEncoder().encodeToString("admin:pass".getBytes(StandardCharsets.UTF_8));
            // Same letters, other case: a different base64 text, so different credentials.
            String variant = "Basic " + right.substring(6).toLowerCase(java.util.Locale.ROOT);
            String otherCase = "Basic " + right.substring(6).toUpperCase(java.util.Locale.ROOT);
            assertThat(variant).isNotEqualTo(right);
            try (RawHttp http = new RawHttp(server.port())) {
                String[] sequence = {right, variant, right, otherCase, variant, right, right, "basic " + right.substring(6)};
                int[] expected = {200, 401, 200, 401, 401, 200, 200, 200};
                for (int i = 0; i < sequence.length; i++) {
                    http.send(RawHttp.request("POST", "/api/flows/filter", "{}", "Authorization: " + sequence[i]));
                    assertThat(http.read().status()).as("request %d with %s", i, sequence[i]).isEqualTo(expected[i]);
                }
                http.send(RawHttp.request("POST", "/api/flows/filter", "{}"));
                assertThat(http.read().status()).as("no header after a good one").isEqualTo(401);
            }
        }
    }

    @Test
    void csrfTokensAreIssuedAndEnforced() {
        try (BatonServer server = TestServers.fresh(db, s -> s.withCsrfProtection(true))) {
            ApiClient api = new ApiClient(server);
            var token = api.get("/csrf-token?client=client-1").expect(200).body();
            assertThat(token.get("client").asText()).isEqualTo("client-1");
            assertThat(api.post("/flows/filter", "{}").expect(403).body().get("detail").asText())
                    .isEqualTo("Missing CSRF token.");
            assertThat(api.send("POST", "/flows/filter", "{}", Map.of("Prefect-Csrf-Token", "x")).status()).isEqualTo(403);
            var invalid = api.send("POST", "/flows/filter", "{}",
                    Map.of("Prefect-Csrf-Token", "wrong", "Prefect-Csrf-Client", "client-1"));
            assertThat(invalid.body().get("detail").asText()).isEqualTo("Invalid CSRF token or client identifier.");
            api.send("POST", "/flows/filter", "{}", Map.of("Prefect-Csrf-Token", token.get("token").asText(),
                    "Prefect-Csrf-Client", "client-1")).expect(200);
            api.get("/flows/name/anything").expect(404); // reads need no token
        }
    }
}
