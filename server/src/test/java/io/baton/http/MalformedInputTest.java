package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.domain.InputLimits;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.RawHttp;
import io.baton.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every class of malformed input answers 4xx in Prefect's shape, the same on both databases, and stores nothing. */
@ParameterizedClass
@EnumSource(DbKind.class)
class MalformedInputTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
    }

    private static void assertValidationShape(ApiClient.Response r, String type) {
        r.expect(422);
        assertThat(r.body().get("exception_message").asText()).isEqualTo("Invalid request received.");
        assertThat(r.body().get("exception_detail").get(0).get("type").asText()).isEqualTo(type);
        assertThat(r.body().has("request_body")).isTrue();
    }

    private long flowsNamed(String name) {
        return api.post("/flows/count", Map.of("flows", Map.of("name", Map.of("any_", List.of(name))))).expect(200)
                .body().asLong();
    }

    @Test
    void nestingPastTheLimitIsA422NotAStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        var r = api.post("/flows/filter", deep);
        assertValidationShape(r, "json_invalid");
        assertThat(r.body().get("exception_detail").get(0).get("ctx").get("error").asText()).contains("Nesting");
        String withinLimit = "{\"x\":" + "[".repeat(InputLimits.MAX_JSON_NESTING_DEPTH - 2)
                + "]".repeat(InputLimits.MAX_JSON_NESTING_DEPTH - 2) + "}";
        api.post("/flows/filter", withinLimit).expect(200);
    }

    @Test
    void nulInAnyStringIsA422OnEveryRoute() {
        String name = "nul-" + UUID.randomUUID();
        var r = api.post("/flows/", "{\"name\": \"" + name + "\\u0000x\"}");
        assertValidationShape(r, "value_error");
        assertThat(r.body().get("exception_detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        assertThat(api.post("/flows/count", "{\"flows\": {\"name\": {\"any_\": [\"x\\u0000\"]}}}").status())
                .isEqualTo(422);

        String flowId = api.post("/flows/", Map.of("name", name)).expect(201).body().get("id").asText();
        var inParameters = api.post("/flow_runs/", "{\"flow_id\": \"" + flowId
                + "\", \"parameters\": {\"a\": [\"ok\", {\"b\\u0000\": 1}]}}");
        assertValidationShape(inParameters, "value_error");
        // An encoded NUL in a path is refused by the URI parser already: Prefect's 400 shape.
        var inPath = api.get("/flows/name/" + name + "%00");
        inPath.expect(400);
        assertThat(inPath.body().get("detail").asText()).isNotEmpty();
        assertValidationShape(api.get("/flows/name/" + name + "?x=%00"), "value_error");
    }

    @Test
    void loneSurrogatesAndInvalidUtf8AreRefusedNeverStoredAltered() {
        String name = "surrogate-" + UUID.randomUUID();
        var lone = api.post("/flows/", "{\"name\": \"" + name + "\\ud800\"}");
        assertValidationShape(lone, "string_unicode");
        assertThat(flowsNamed(name + "?")).isZero();
        assertThat(flowsNamed(name + "\uFFFD")).isZero();
        api.post("/flows/", "{\"name\": \"" + name + "\\ud83d\\ude00\"}").expect(201); // a pair is fine

        String invalid = "invalid-" + UUID.randomUUID();
        byte[] prefix = ("{\"name\": \"" + invalid).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xff;
        body[prefix.length + 1] = '"';
        body[prefix.length + 2] = '}';
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(("POST /api/flows/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)).send(body);
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("exception_detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        }
        assertThat(flowsNamed(invalid + "\uFFFD")).isZero();
    }

    @Test
    void pagingNumbersOutsideThirtyTwoBitsAre422() {
        assertValidationShape(api.post("/flows/filter", "{\"offset\": 2147483648}"), "less_than_equal");
        assertValidationShape(api.post("/flow_runs/filter", "{\"offset\": 99999999999999999999}"), "less_than_equal");
        assertValidationShape(api.post("/flows/filter", "{\"limit\": 2147483648}"), "less_than_equal");
        String flowId = api.post("/flows/", Map.of("name", "paging-" + UUID.randomUUID())).expect(201)
                .body().get("id").asText();
        String runId = api.post("/flow_runs/", Map.of("flow_id", flowId)).expect(201).body().get("id").asText();
        String inputs = "/flow_runs/" + runId + "/input/filter";
        assertValidationShape(api.post(inputs, "{\"prefix\": \"p\", \"limit\": -1}"), "greater_than_equal");
        assertValidationShape(api.post(inputs, "{\"prefix\": \"p\", \"limit\": 2147483648}"), "less_than_equal");
        api.post(inputs, "{\"prefix\": \"p\", \"limit\": 5}").expect(200);
    }

    @Test
    void indexedTextPastItsLimitIsA422WithTheSameLimitOnBothDatabases() {
        String huge = "n".repeat(1024 * 1024);
        assertValidationShape(api.post("/flows/", Map.of("name", huge)), "string_too_long");
        assertValidationShape(api.post("/flows/", Map.of("name", "t-" + UUID.randomUUID(), "tags", List.of(huge))),
                "string_too_long");
        assertValidationShape(api.post("/variables/", Map.of("name", "v".repeat(256), "value", 1)),
                "string_too_long");
        assertValidationShape(api.post("/artifacts/", Map.of("key", "k".repeat(InputLimits.MAX_INDEXED_TEXT_LENGTH + 1))),
                "string_too_long");
        String longest = "a".repeat(InputLimits.MAX_INDEXED_TEXT_LENGTH - 36) + UUID.randomUUID();
        api.post("/flows/", Map.of("name", longest, "tags", List.of("\u00e9".repeat(InputLimits.MAX_INDEXED_TEXT_LENGTH))))
                .expect(201);
    }

    @Test
    void likePatternsAreBounded() {
        String pattern = "%" + "a_".repeat(25_000) + "%";
        assertValidationShape(api.post("/flows/filter", Map.of("flows", Map.of("name", Map.of("like_", pattern)))),
                "string_too_long");
        api.post("/flows/filter", Map.of("flows", Map.of("name",
                Map.of("like_", "x".repeat(InputLimits.MAX_LIKE_PATTERN_LENGTH))))).expect(200);
    }

    @Test
    void plainTextBodiesAreNotParsedAsJson() {
        String name = "plain-" + UUID.randomUUID();
        try (RawHttp http = new RawHttp(server.port())) {
            String body = "{\"name\": \"" + name + "\"}";
            http.send("POST /api/flows/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            RawHttp.Response plain = http.read();
            assertThat(plain.status()).isEqualTo(422);
            assertThat(plain.json().get("exception_detail").get(0).get("type").asText())
                    .isEqualTo("model_attributes_type");
        }
        assertThat(flowsNamed(name)).isZero();
        api.send("POST", "/flows/", "{\"name\": \"" + name + "\"}",
                Map.of("Content-Type", "application/json; charset=utf-8")).expect(201);
    }

    @Test
    void malformedPercentEscapesInAPathGetPrefectsJsonError() {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /api/flows/name/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.headers().get("content-type")).startsWith("application/json");
            assertThat(r.json().get("detail").asText()).isNotEmpty();
        }
    }

    @Test
    void brokenFramingIsA400NeverA500() {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /api/flows/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).isNotEmpty();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /api/flows/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"limit\": 1").shutdownOutput();
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).isEqualTo("There was an error parsing the body");
        }
        api.get("/health").expect(200);
    }

    @Test
    void anOversizeBodyIsRefusedBeforeItIsRead() {
        try (RawHttp http = new RawHttp(server.port())) {
            // Only the headers are sent: the answer must not wait for the 50 MB announced.
            http.send("POST /api/flows/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 50L * 1024 * 1024 + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("detail").asText()).isNotEmpty();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /api/flows/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("100000\r\n" + " ".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Response r = null;
            try {
                for (int i = 0; i < 17; i++) {
                    http.send(chunk);
                }
            } catch (RuntimeException refusedMidUpload) {
                // the server may stop reading and close once the limit is passed
            }
            r = http.read();
            assertThat(r.status()).isIn(413, -1);
            if (r.status() == 413) {
                assertThat(r.json().get("detail").asText()).isNotEmpty();
            }
        }
        api.get("/health").expect(200);
    }

    @Test
    void eventsWithUnstorableTextAreRefusedBeforeAcknowledgement() {
        String resource = "test.resource." + UUID.randomUUID();
        String event = "{\"id\": \"" + UUID.randomUUID() + "\", \"occurred\": \"" + java.time.Instant.now() + "\", "
                + "\"event\": \"test.nul\", \"resource\": {\"prefect.resource.id\": \"" + resource + "\"}, "
                + "\"payload\": {\"text\": \"a\\u0000b\"}}";
        assertValidationShape(api.post("/events", "[" + event + "]"), "value_error");
        String longName = "{\"id\": \"" + UUID.randomUUID() + "\", \"occurred\": \"" + java.time.Instant.now() + "\", "
                + "\"event\": \"" + "e".repeat(InputLimits.MAX_INDEXED_TEXT_LENGTH + 1) + "\", "
                + "\"resource\": {\"prefect.resource.id\": \"" + resource + "\"}}";
        assertThat(api.post("/events", "[" + longName + "]").status()).isEqualTo(422);
        JsonNode stored = api.post("/events/filter",
                Map.of("filter", Map.of("resource", Map.of("id", List.of(resource))))).expect(200).body();
        assertThat(stored.get("total").asLong()).isZero();
    }
}
