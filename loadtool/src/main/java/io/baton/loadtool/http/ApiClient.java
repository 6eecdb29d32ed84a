package io.baton.loadtool.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.metrics.PathTemplates;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Blocking JSON client for the Prefect REST API on one base URL. Every call is timed and counted in
 * {@link Metrics} under its route template; failures come back as an {@link ApiResponse}, never as an
 * exception, so a misbehaving server cannot stop a run.
 */
public final class ApiClient implements AutoCloseable {
    /** Headers of the Prefect 3.8.3 client, so servers apply the same client-version-dependent rules. */
    public static final String USER_AGENT = "prefect/3.8.3 (API 0.8.4)";
    public static final String API_VERSION = "0.8.4";

    private final String baseUrl;
    private final String basePath;
    private final Duration requestTimeout;
    private final Metrics metrics;
    private final HttpClient http;

    public ApiClient(URI baseUrl, Duration requestTimeout, Metrics metrics) {
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
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

    public HttpClient http() {
        return http;
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
        HttpRequest request;
        try {
            request = buildRequest(method, path, body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            metrics.recordCall(route, "invalid_request", 0, false);
            return ApiResponse.failed("invalid_request");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - start;
            int status = response.statusCode();
            ApiResponse result = new ApiResponse(status, parse(response.body()), Integer.toString(status));
            metrics.recordCall(route, result.outcome(), elapsed, result.ok());
            return result;
        } catch (HttpTimeoutException e) {
            metrics.recordCall(route, "timeout", System.nanoTime() - start, false);
            return ApiResponse.failed("timeout");
        } catch (IOException e) {
            metrics.recordCall(route, "io", System.nanoTime() - start, false);
            return ApiResponse.failed("io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.failed("interrupted");
        }
    }

    private HttpRequest buildRequest(String method, String path, Object body) throws JsonProcessingException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("accept", "application/json")
                .header("user-agent", USER_AGENT)
                .header("x-prefect-api-version", API_VERSION);
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        byte[] bytes = body instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8)
                : Json.MAPPER.writeValueAsBytes(body);
        return builder.header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
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
        http.close();
    }
}
