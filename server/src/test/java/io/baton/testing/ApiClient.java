package io.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.app.BatonServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A test HTTP client for a running Baton. Every successful JSON response is validated against the
 * contract; a body that does not conform fails the test that received it.
 */
public final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;
    /** The server's database, for {@link ContractCoverage}; null when built from a bare URL. */
    private final DbKind db;
    private boolean validate = true;

    public ApiClient(BatonServer server) {
        this("http://127.0.0.1:" + server.port(),
                server.database().isSqlite() ? DbKind.SQLITE : DbKind.POSTGRES);
    }

    public ApiClient(String base) {
        this(base, null);
    }

    private ApiClient(String base, DbKind db) {
        this.base = base;
        this.db = db;
    }

    /** A client that does not validate responses (for tests of deliberately odd exchanges). */
    public ApiClient unvalidated() {
        ApiClient c = new ApiClient(base, db);
        c.validate = false;
        return c;
    }

    public record Response(int status, JsonNode body, HttpHeaders headers, String raw) {
        public Response expect(int expected) {
            assertThat(status).as("status of response %s", raw).isEqualTo(expected);
            return this;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends {@code body} (a JSON string is sent verbatim, anything else serialized). */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        String apiPath = path.startsWith("/api") || path.startsWith("http") ? path : "/api" + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + apiPath))
                .timeout(Duration.ofSeconds(30))
                .header("Accept-Encoding", "gzip");
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            String text = body instanceof String s ? s : write(body);
            publisher = HttpRequest.BodyPublishers.ofString(text);
            request.header("Content-Type", "application/json");
        }
        request.method(method, publisher);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode json = raw.isEmpty() ? null : tryParse(raw);
            Response result = new Response(response.statusCode(), json, response.headers(), raw);
            if (validate && result.status() >= 200 && result.status() < 300) {
                String p = apiPath.substring(4);
                Contract contract = Contract.get();
                if (json != null) {
                    List<String> problems = contract.validate(method, p, result.status(), json);
                    assertThat(problems).as("%s %s answered a body outside the contract: %s", method, p, raw).isEmpty();
                }
                contract.find(method, p)
                        .filter(route -> json != null || raw.isEmpty() || contract.acceptsAnyBody(route, result.status()))
                        .ifPresent(route -> ContractCoverage.record(route, db));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tryParse(String raw) {
        try {
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        return tryParse(text);
    }
}
