package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DbKind.class)
class WorkPoolApiTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String pool;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        pool = "pool-" + UUID.randomUUID();
    }

    private JsonNode createPool(String name) {
        return api.post("/work_pools/", Map.of("name", name, "type", "process")).expect(201).body();
    }

    private List<String> queueOrder(String poolName) {
        JsonNode list = api.post("/work_pools/" + poolName + "/queues/filter", Map.of()).expect(200).body();
        List<String> out = new java.util.ArrayList<>();
        list.forEach(q -> out.add(q.get("name").asText() + ":" + q.get("priority").asInt()));
        return out;
    }

    @Test
    void createReadAndDefaultQueue() {
        JsonNode created = createPool(pool);
        assertThat(created.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(created.get("active_slots").isNull()).isTrue();
        assertThat(created.get("storage_configuration").has("bundle_upload_step")).isTrue();
        JsonNode queues = api.post("/work_pools/" + pool + "/queues/filter", Map.of()).expect(200).body();
        assertThat(queues).hasSize(1);
        assertThat(queues.get(0).get("name").asText()).isEqualTo("default");
        assertThat(queues.get(0).get("priority").asInt()).isEqualTo(1);
        assertThat(queues.get(0).get("id")).isEqualTo(created.get("default_queue_id"));
        assertThat(queues.get(0).get("description").asText()).isEqualTo("The work pool's default queue.");
        assertThat(api.get("/work_pools/" + pool).expect(200).body().get("id")).isEqualTo(created.get("id"));
        assertThat(api.post("/work_pools/", Map.of("name", pool)).expect(409).body().get("detail").asText())
                .isEqualTo("A work pool with this name already exists.");
        assertThat(api.get("/work_pools/nope-" + pool).expect(404).body().get("detail").asText())
                .isEqualTo("Work pool \"nope-" + pool + "\" not found.");
        JsonNode paused = api.post("/work_pools/", Map.of("name", pool + "-p", "is_paused", true)).expect(201).body();
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.get("type").asText()).isEqualTo("prefect-agent");
    }

    @Test
    void reservedNames() {
        assertThat(api.post("/work_pools/", Map.of("name", "Prefect-" + pool)).expect(403).body().get("detail").asText())
                .isEqualTo("Work pools starting with 'Prefect' are reserved for internal use.");
        assertThat(api.delete("/work_pools/prefect-" + pool).expect(403).body().get("detail").asText()).startsWith("Work pools");
        api.patch("/work_pools/prefect-x", Map.of("description", "d")).expect(403);
    }

    @Test
    void patchFilterCountAndDelete() {
        createPool(pool);
        api.patch("/work_pools/" + pool, Map.of("description", "d", "concurrency_limit", 2)).expect(204);
        JsonNode read = api.get("/work_pools/" + pool).body();
        assertThat(read.get("description").asText()).isEqualTo("d");
        assertThat(read.get("active_slots").asInt()).isZero();
        api.patch("/work_pools/" + pool, Map.of("is_paused", true)).expect(204);
        assertThat(api.get("/work_pools/" + pool).body().get("status").asText()).isEqualTo("PAUSED");
        api.patch("/work_pools/" + pool, Map.of("is_paused", false)).expect(204);
        assertThat(api.get("/work_pools/" + pool).body().get("status").asText()).isEqualTo("NOT_READY");
        var filter = Map.of("work_pools", Map.of("name", Map.of("any_", List.of(pool))));
        assertThat(api.post("/work_pools/filter", filter).expect(200).body()).hasSize(1);
        assertThat(api.post("/work_pools/count", filter).expect(200).body().asInt()).isEqualTo(1);
        api.patch("/work_pools/nope-" + pool, Map.of("description", "d")).expect(404);
        api.delete("/work_pools/" + pool).expect(204);
        api.delete("/work_pools/" + pool).expect(404);
        assertThat(api.post("/work_pools/count", filter).body().asInt()).isZero();
    }

    @Test
    void queuePrioritiesStayUnique() {
        createPool(pool);
        JsonNode a = api.post("/work_pools/" + pool + "/queues", Map.of("name", "a")).expect(201).body();
        assertThat(a.get("priority").asInt()).isEqualTo(2);
        assertThat(a.get("work_pool_name").asText()).isEqualTo(pool);
        api.post("/work_pools/" + pool + "/queues", Map.of("name", "b")).expect(201);
        api.post("/work_pools/" + pool + "/queues", Map.of("name", "c", "priority", 10)).expect(201);
        assertThat(queueOrder(pool)).containsExactly("default:1", "a:2", "b:3", "c:10");
        // Inserting at a taken priority shifts the colliding run of queues down, not the ones after a gap.
        api.post("/work_pools/" + pool + "/queues", Map.of("name", "top", "priority", 1)).expect(201);
        assertThat(queueOrder(pool)).containsExactly("top:1", "default:2", "a:3", "b:4", "c:10");
        api.patch("/work_pools/" + pool + "/queues/c", Map.of("priority", 3)).expect(204);
        assertThat(queueOrder(pool)).containsExactly("top:1", "default:2", "c:3", "a:4", "b:5");
        api.post("/work_pools/" + pool + "/queues", Map.of("name", "a")).expect(409);
        api.post("/work_pools/nope-" + pool + "/queues", Map.of("name", "a")).expect(404);
    }

    @Test
    void queueReadPatchDelete() {
        createPool(pool);
        api.post("/work_pools/" + pool + "/queues", Map.of("name", "q", "description", "hello")).expect(201);
        JsonNode q = api.get("/work_pools/" + pool + "/queues/q").expect(200).body();
        assertThat(q.get("description").asText()).isEqualTo("hello");
        api.patch("/work_pools/" + pool + "/queues/q", Map.of("is_paused", true, "concurrency_limit", 1)).expect(204);
        q = api.get("/work_pools/" + pool + "/queues/q").body();
        assertThat(q.get("status").asText()).isEqualTo("PAUSED");
        assertThat(q.get("active_slots").asInt()).isZero();
        api.patch("/work_pools/" + pool + "/queues/q", Map.of("is_paused", false)).expect(204);
        assertThat(api.get("/work_pools/" + pool + "/queues/q").body().get("status").asText()).isEqualTo("NOT_READY");
        api.get("/work_pools/" + pool + "/queues/nope").expect(404);
        api.delete("/work_pools/" + pool + "/queues/default").expect(400);
        api.delete("/work_pools/" + pool + "/queues/q").expect(204);
        api.get("/work_pools/" + pool + "/queues/q").expect(404);
    }

    @Test
    void heartbeatMakesThePoolReady() {
        createPool(pool);
        api.post("/work_pools/" + pool + "/workers/heartbeat",
                Map.of("name", "w1", "heartbeat_interval_seconds", 10, "metadata", Map.of("x", 1), "return_id", true))
                .expect(204);
        assertThat(api.get("/work_pools/" + pool).body().get("status").asText()).isEqualTo("READY");
        api.post("/work_pools/" + pool + "/workers/heartbeat", Map.of("name", "w1")).expect(204);
        JsonNode online = api.post("/work_pools/" + pool + "/workers/filter",
                Map.of("workers", Map.of("status", Map.of("any_", List.of("ONLINE"))))).expect(200).body();
        assertThat(online).hasSize(1);
        assertThat(online.get(0).get("status").asText()).isEqualTo("ONLINE");
        assertThat(online.get(0).get("heartbeat_interval_seconds").asInt()).isEqualTo(10);
        assertThat(api.post("/work_pools/" + pool + "/workers/filter",
                Map.of("workers", Map.of("status", Map.of("any_", List.of("OFFLINE"))))).body()).isEmpty();
        api.patch("/work_pools/" + pool, Map.of("is_paused", true)).expect(204);
        api.patch("/work_pools/" + pool, Map.of("is_paused", false)).expect(204);
        assertThat(api.get("/work_pools/" + pool).body().get("status").asText()).isEqualTo("READY");
        api.post("/work_pools/nope-" + pool + "/workers/heartbeat", Map.of("name", "w1")).expect(404);
        api.delete("/work_pools/" + pool + "/workers/w1").expect(204);
        api.delete("/work_pools/" + pool + "/workers/w1").expect(404);
    }

    @Test
    void workerChannelUpgradeIsRefused() throws Exception {
        createPool(pool);
        HttpRequest upgrade = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/work_pools/" + pool + "/workers/connect"))
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(upgrade, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void workQueuesById() {
        String name = "legacy-" + UUID.randomUUID();
        JsonNode q = api.post("/work_queues/", Map.of("name", name, "filter", Map.of("tags", List.of("a")))).expect(201).body();
        assertThat(q.get("work_pool_name").asText()).isEqualTo("default-agent-pool");
        String id = q.get("id").asText();
        assertThat(api.get("/work_queues/" + id).expect(200).body().get("name").asText()).isEqualTo(name);
        assertThat(api.get("/work_queues/name/" + name).expect(200).body().get("id").asText()).isEqualTo(id);
        api.post("/work_queues/", Map.of("name", name)).expect(409);
        api.patch("/work_queues/" + id, Map.of("description", "x")).expect(204);
        JsonNode status = api.get("/work_queues/" + id + "/status").expect(200).body();
        assertThat(status.get("healthy").asBoolean()).isFalse();
        assertThat(status.get("late_runs_count").asInt()).isZero();
        assertThat(status.get("health_check_policy").get("maximum_seconds_since_last_polled").asInt()).isEqualTo(60);
        var filter = Map.of("work_queues", Map.of("name", Map.of("any_", List.of(name))));
        assertThat(api.post("/work_queues/filter", filter).expect(200).body()).hasSize(1);
        api.delete("/work_queues/" + id).expect(204);
        api.get("/work_queues/" + id).expect(404);
        api.patch("/work_queues/" + id, Map.of("description", "x")).expect(404);
    }
}
