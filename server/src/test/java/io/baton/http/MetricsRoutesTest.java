package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.Settings;
import io.baton.http.routes.MetricsRoutes;
import io.baton.http.validation.OpenApiContract;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: on only when the setting says so; Prometheus text with per-route request metrics. */
class MetricsRoutesTest {

    @Test
    void theSettingTurnsMetricsOn() {
        assertThat(MetricsRoutes.enabledIn(Map.of())).isFalse();
        assertThat(MetricsRoutes.enabledIn(Map.of("PREFECT_SERVER_METRICS_ENABLED", "true"))).isTrue();
        assertThat(MetricsRoutes.enabledIn(Map.of("PREFECT_API_ENABLE_METRICS", "1"))).isTrue();
        assertThat(MetricsRoutes.enabledIn(Map.of("PREFECT_SERVER_METRICS_ENABLED", "false",
                "PREFECT_API_ENABLE_METRICS", "true"))).isFalse();
    }

    @Test
    void prometheusTextCountsRequestsByRoute() throws Exception {
        Settings settings = Settings.from(Map.of()).withListen("127.0.0.1", 0);
        RouteModule hello = r -> r.get("/hello", call -> Map.of("hi", 1));
        Javalin http = HttpServer.create(settings, OpenApiContract.loadBundled(), new RequestGuards(settings, null),
                List.of(hello, new MetricsRoutes(true)), c -> { });
        http.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port() + "/api";
            client.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("http_requests_total{handler=\"/api/hello\",method=\"GET\",status=\"2xx\"} 1.0")
                    .contains("http_request_duration_seconds_count{handler=\"/api/hello\",method=\"GET\"} 1")
                    .contains("jvm_memory_used_bytes");
        } finally {
            http.stop();
        }
    }
}
