package io.baton.automations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * This server's own API, as automation actions call it (like Prefect's actions use its orchestration
 * client): the same validation, rules and events as any client, with {@code Prefect-Automation-ID} /
 * {@code Prefect-Automation-Name} headers so that what an action creates is {@code created_by} the automation.
 */
public final class LoopbackApi {

    /** A response: status and parsed body (null when empty or not JSON). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final boolean csrf;
    private volatile String csrfToken;
    private final String csrfClient = "baton-automations-" + UUID.randomUUID();

    public LoopbackApi(String host, int port, String authString, boolean csrfProtection) {
        String h = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        this.base = "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + "/api";
        this.authorization = authString == null || authString.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(authString.getBytes(StandardCharsets.UTF_8));
        this.csrf = csrfProtection;
    }

    public Response get(String path, UUID automationId, String automationName) {
        return send("GET", path, null, automationId, automationName);
    }

    public Response send(String method, String path, JsonNode body, UUID automationId, String automationName) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "baton-automations")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (automationId != null) {
            request.header("Prefect-Automation-ID", automationId.toString());
            request.header("Prefect-Automation-Name", Base64.getEncoder()
                    .encodeToString(automationName.getBytes(StandardCharsets.UTF_8)));
        }
        if (csrf && !method.equals("GET")) {
            request.header("Prefect-Csrf-Token", token());
            request.header("Prefect-Csrf-Client", csrfClient);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            if (!response.body().isEmpty()) {
                try {
                    parsed = Json.read(response.body());
                } catch (RuntimeException notJson) {
                    parsed = Json.NODES.textNode(response.body());
                }
            }
            return new Response(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new ActionFailed("The server's API could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailed("Interrupted");
        }
    }

    private String token() {
        String t = csrfToken;
        if (t == null) {
            Response r = send("GET", "/csrf-token?client=" + csrfClient, null, null, null);
            t = r.body() == null ? "" : r.body().path("token").asText("");
            csrfToken = t;
        }
        return t;
    }
}
