package io.baton.loadtool.http;

import io.baton.loadtool.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import static io.baton.loadtool.http.ScriptedHttpServer.json;
import static io.baton.loadtool.http.ScriptedHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST transport against a loopback server that frames its answers in every way the client must read. */
class ApiClientTransportTest {

    private static ApiClient client(ScriptedHttpServer server, Duration timeout, Metrics metrics) {
        return new ApiClient(URI.create(server.baseUrl()), timeout, metrics);
    }

    private static ApiClient client(ScriptedHttpServer server) {
        return client(server, Duration.ofSeconds(5), new Metrics());
    }

    @Test
    void requestCarriesThePrefectClientHeadersAndNoAcceptEncoding() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, json(200, "{}"));
            return true;
        }); ApiClient api = client(server)) {
            api.post("/flows/", Json.object().put("name", "é"));
            api.get("/flows/abc?limit=1");

            ScriptedHttpServer.Request post = server.requests.get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.target()).isEqualTo("/api/flows/");
            assertThat(post.body()).isEqualTo("{\"name\":\"é\"}");
            assertThat(post.header("host")).isEqualTo("127.0.0.1:" + URI.create(server.baseUrl()).getPort());
            assertThat(post.header("content-type")).isEqualTo("application/json");
            assertThat(post.header("content-length")).isEqualTo(
                    Integer.toString("{\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8).length));
            assertThat(post.header("accept")).isEqualTo("application/json");
            assertThat(post.header("user-agent")).isEqualTo(ApiClient.USER_AGENT);
            assertThat(post.header("x-prefect-api-version")).isEqualTo(ApiClient.API_VERSION);
            assertThat(post.header("accept-encoding")).isNull();

            ScriptedHttpServer.Request get = server.requests.get(1);
            assertThat(get.method()).isEqualTo("GET");
            assertThat(get.target()).isEqualTo("/api/flows/abc?limit=1");
            assertThat(get.header("content-length")).isNull();
            assertThat(get.header("content-type")).isNull();
        }
    }

    @Test
    void contentLengthAnswersKeepOneConnectionAlive() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            // head and body in separate packets, so the client has to read on for the body
            write(out, "HTTP/1.1 201 Created\r\nContent-Length: 13\r\n\r\n");
            out.flush();
            Thread.sleep(5);
            write(out, "{\"id\":\"abc\"}\n");
            return true;
        }); ApiClient api = client(server)) {
            for (int i = 0; i < 5; i++) {
                ApiResponse response = api.post("/flow_runs/", Json.object());
                assertThat(response.status()).isEqualTo(201);
                assertThat(response.text("id")).isEqualTo("abc");
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void chunkedAnswersAfterAnInterimResponse() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, "HTTP/1.1 100 Continue\r\n\r\n");
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\n{\"sta\r\n"
                    + "E\r\ntus\":\"ACCEPT\"}\r\n"
                    + "0\r\nx-trailer: yes\r\n\r\n");
            return true;
        }); ApiClient api = client(server)) {
            for (int i = 0; i < 3; i++) {
                ApiResponse response = api.post("/flow_runs/x/set_state", Json.object());
                assertThat(response.ok()).isTrue();
                assertThat(response.text("status")).isEqualTo("ACCEPT");
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void connectionCloseEndsTheBodyAndTheConnection() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"n\":" + request.connection() + "}");
            return false;
        }); ApiClient api = client(server)) {
            assertThat(api.get("/a").body().get("n").asInt()).isEqualTo(1);
            assertThat(api.get("/a").body().get("n").asInt()).isEqualTo(2);
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void http10AnswerWithoutKeepAliveIsNotReused() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            return false;
        }); ApiClient api = client(server)) {
            assertThat(api.get("/a").ok()).isTrue();
            assertThat(api.get("/a").ok()).isTrue();
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void clientAndServerErrorsAreAnswersCountedByStatus() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, request.target().endsWith("missing")
                    ? json(404, "{\"detail\":\"Not found\"}")
                    : json(500, "{\"exception_message\":\"Internal Server Error\"}"));
            return true;
        })) {
            Metrics metrics = new Metrics();
            metrics.setRecording(true);
            try (ApiClient api = client(server, Duration.ofSeconds(5), metrics)) {
                ApiResponse missing = api.get("/flows/missing");
                assertThat(missing.ok()).isFalse();
                assertThat(missing.outcome()).isEqualTo("404");
                assertThat(missing.text("detail")).isEqualTo("Not found");
                ApiResponse failed = api.post("/flows/", Json.object());
                assertThat(failed.outcome()).isEqualTo("500");
                assertThat(metrics.routes().get("POST /flows/").errorOutcomes()).containsEntry("500", 1L);
                assertThat(metrics.routes().get("GET /flows/missing").errorOutcomes()).containsEntry("404", 1L);
                assertThat(server.connections.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void slowAnswersTimeOut() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            if (request.target().endsWith("/slow-body")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
                out.flush();
            }
            // Far longer than any client should wait: only the client's own timeout can end these calls early.
            Thread.sleep(60_000);
            return false;
        })) {
            Metrics metrics = new Metrics();
            metrics.setRecording(true);
            try (ApiClient api = client(server, Duration.ofMillis(300), metrics)) {
                long start = System.nanoTime();
                assertThat(api.post("/slow-head", Json.object()).outcome()).isEqualTo("timeout");
                assertThat(api.get("/slow-body").outcome()).isEqualTo("timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
                assertThat(metrics.routes().get("POST /slow-head").errorOutcomes()).containsEntry("timeout", 1L);
            }
        }
    }

    @Test
    void staleKeptAliveConnectionIsRetriedOnlyForIdempotentRequests() throws Exception {
        // Answers as if the connection stayed open, then closes it: the next request on it meets a dead socket.
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, json(200, "{\"n\":" + request.connection() + "}"));
            return false;
        }); ApiClient api = client(server)) {
            assertThat(api.get("/a").body().get("n").asInt()).isEqualTo(1);
            waitForClose();
            ApiResponse retried = api.get("/a");
            assertThat(retried.ok()).isTrue();
            assertThat(retried.body().get("n").asInt()).isEqualTo(2);

            waitForClose();
            assertThat(api.post("/flow_runs/", Json.object()).outcome()).isEqualTo("io");
            assertThat(server.requests).hasSize(2);
            assertThat(api.post("/flow_runs/", Json.object()).ok()).isTrue();
        }
    }

    private static void waitForClose() throws InterruptedException {
        Thread.sleep(50);
    }

    @Test
    void gzipBodiesAreDecodedWhenTheServerSendsThem() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"zipped\":true}".getBytes(StandardCharsets.UTF_8));
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n");
            out.write(zipped.toByteArray());
            return true;
        }); ApiClient api = client(server)) {
            assertThat(api.get("/z").body().get("zipped").asBoolean()).isTrue();
        }
    }

    @Test
    void malformedAnswersAndBadPathsAreCountedNotThrown() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, request.target().endsWith("/huge")
                    ? "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n{}"
                    : "SSH-2.0-nonsense\r\n\r\n");
            return false;
        }); ApiClient api = client(server)) {
            assertThat(api.get("/a").outcome()).isEqualTo("io");
            assertThat(api.get("/huge").outcome()).isEqualTo("io");
            assertThat(api.get("/a b").outcome()).isEqualTo("invalid_request");
        }
    }

    @Test
    void httpsIsRefusedWithAReason() {
        assertThatThrownBy(() -> new ApiClient(URI.create("https://127.0.0.1:4200/api"), Duration.ofSeconds(1), new Metrics()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only http://");
    }

    @Test
    void nonAsciiPathsArePercentEncoded() {
        assertThat(RequestTargets.encode("/api/flows/name/é")).isEqualTo("/api/flows/name/%C3%A9");
        assertThat(RequestTargets.encode("/api/flows/?a=b")).isEqualTo("/api/flows/?a=b");
        assertThatThrownBy(() -> RequestTargets.encode("/a\nb")).isInstanceOf(IllegalArgumentException.class);
    }
}
