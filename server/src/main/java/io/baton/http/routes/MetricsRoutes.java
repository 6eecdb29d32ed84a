package io.baton.http.routes;

import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in Prometheus' text format, only when {@code PREFECT_SERVER_METRICS_ENABLED} (legacy
 * {@code PREFECT_API_ENABLE_METRICS}) is on: JVM metrics and, per route template, method and status class,
 * {@code http_requests_total} and {@code http_request_duration_seconds}. When off nothing is registered, so the
 * path answers 404 and requests pay nothing.
 */
public final class MetricsRoutes implements RouteModule {

    private static final String STARTED = "baton.metrics.started";

    private final boolean enabled;

    public MetricsRoutes(boolean enabled) {
        this.enabled = enabled;
    }

    public static boolean enabledIn(Map<String, String> env) {
        String value = env.getOrDefault("PREFECT_SERVER_METRICS_ENABLED", env.get("PREFECT_API_ENABLE_METRICS"));
        return value != null && switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on", "t", "y" -> true;
            default -> false;
        };
    }

    @Override
    public void register(ApiRouter r) {
        if (!enabled) {
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        r.routes().before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        r.routes().after(ctx -> record(registry, ctx));
        r.routes().addHttpHandler(HandlerType.GET, r.basePath() + "/metrics", ctx -> ctx
                .contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
    }

    private static void record(PrometheusMeterRegistry registry, Context ctx) {
        Long started = ctx.attribute(STARTED);
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        if (started == null || endpoint == null) {
            return;
        }
        String handler = endpoint.path;
        String method = ctx.method().name();
        String status = (ctx.statusCode() / 100) + "xx";
        Counter.builder("http.requests").tag("handler", handler).tag("method", method).tag("status", status)
                .register(registry).increment();
        Timer.builder("http.request.duration").tag("handler", handler).tag("method", method)
                .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
