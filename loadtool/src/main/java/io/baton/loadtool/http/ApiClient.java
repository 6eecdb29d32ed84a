package io.baton.loadtool.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.metrics.PathTemplates;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Blocking JSON client for the Prefect REST API on one base URL. Every call is timed and counted in
 * {@link Metrics} under its route template; failures come back as an {@link ApiResponse}, never as an
 * exception, so a misbehaving server cannot stop a run. REST calls go through {@link PlainHttpClient}
 * (keep-alive sockets, cheap per call); the JDK client is only built for the events websocket.
 */
public final class ApiClient implements AutoCloseable {
    /** Headers of the Prefect 3.8.3 client, so servers apply the same client-version-dependent rules. */
    public static final String USER_AGENT = "prefect/3.8.3 (API 0.8.4)";
    public static final String API_VERSION = "0.8.4";

    private final String baseUrl;
    private final String basePath;
    private final Duration requestTimeout;
    private final long requestTimeoutNanos;
    private final Metrics metrics;
    private final PlainHttpClient rest;
    private HttpClient websocketHttp;

    /** @throws IllegalArgumentException unless {@code baseUrl} is an {@code http://} URL */
    public ApiClient(URI baseUrl, Duration requestTimeout, Metrics metrics) {
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.requestTimeout = requestTimeout;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.metrics = metrics;
        this.rest = new PlainHttpClient(baseUrl, "accept: application/json\r\n"
                + "user-agent: " + USER_AGENT + "\r\n"
                + "x-prefect-api-version: " + API_VERSION + "\r\n");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String basePath() {
        return basePath;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The JDK client, for the events websocket only; built on first use. */
    public synchronized HttpClient http() {
        if (websocketHttp == null) {
            websocketHttp = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(requestTimeout)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
        }
        return websocketHttp;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, body, null);
    }

    /** Like {@link #post(String, Object)} but reports under {@code label} instead of the path template. */
    public ApiResponse post(String path, Object body, String label) {
        return send("POST", path, body, label);
    }

    /**
     * @param body a Jackson tree, any serialisable object, or a {@link String} that already is JSON
     */
    public ApiResponse send(String method, String path, Object body, String label) {
        String route = method + " " + (label != null ? label : PathTemplates.template("", path));
        String target;
        byte[] bytes;
        try {
            target = RequestTargets.encode(basePath + path);
            bytes = body == null ? null
                    : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            metrics.recordCall(route, "invalid_request", 0, false);
            return ApiResponse.failed("invalid_request");
        }
        long start = System.nanoTime();
        try {
            RawResponse response = rest.send(method, target, bytes, start + requestTimeoutNanos);
            long elapsed = System.nanoTime() - start;
            int status = response.status();
            ApiResponse result = new ApiResponse(status, parse(response.body()), Integer.toString(status));
            metrics.recordCall(route, result.outcome(), elapsed, result.ok());
            return result;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Blocking socket I/O ends by closing the socket when its thread is interrupted: a stop, not an error.
                return ApiResponse.failed("interrupted");
            }
            String outcome = e instanceof SocketTimeoutException ? "timeout" : "io";
            metrics.recordCall(route, outcome, System.nanoTime() - start, false);
            return ApiResponse.failed(outcome);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        rest.close();
        HttpClient http;
        synchronized (this) {
            http = websocketHttp;
        }
        if (http != null) {
            http.close();
        }
    }
}
