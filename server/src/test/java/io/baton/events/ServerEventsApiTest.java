package io.baton.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.domain.Times;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's own events on object changes, stored with each change, shaped as in server-events-tour.jsonl. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ServerEventsApiTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String ns;
    Instant start;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        start = Instant.now().minusSeconds(5);
    }

    /** Stored events of one resource, oldest first. */
    private List<JsonNode> events(String resourceId) {
        Map<String, Object> filter = Map.of("resource", Map.of("id", List.of(resourceId)),
                "occurred", Map.of("since", Json.timestamp(start), "until", Json.timestamp(Instant.now().plusSeconds(60))),
                "order", "ASC");
        List<JsonNode> out = new ArrayList<>();
        api.post("/events/filter", Map.of("filter", filter, "limit", 50)).expect(200).body().get("events").forEach(out::add);
        return out;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("event").asText()).toList();
    }

    private static List<String> related(JsonNode event) {
        List<String> out = new ArrayList<>();
        event.get("related").forEach(r -> out.add(r.get("prefect.resource.id").asText() + "("
                + r.get("prefect.resource.role").asText() + ")"));
        return out;
    }

    @Test
    void flowVariableAndConcurrencyLimitLifecycles() {
        String flowId = api.post("/flows/", Map.of("name", ns + "-flow")).expect(201).body().get("id").asText();
        api.post("/flows/", Map.of("name", ns + "-flow")).expect(200);
        List<JsonNode> flow = events("prefect.flow." + flowId);
        assertThat(names(flow)).containsExactly("prefect.flow.created");
        assertThat(flow.get(0).get("resource").get("prefect.resource.name").asText()).isEqualTo(ns + "-flow");
        assertThat(flow.get(0).get("payload")).isEqualTo(Json.read("{\"name\":\"" + ns + "-flow\",\"tags\":[],\"labels\":{}}"));

        String var = ns + "_var";
        String varId = api.post("/variables/", Map.of("name", var, "value", "one", "tags", List.of("tour")))
                .expect(201).body().get("id").asText();
        api.patch("/variables/name/" + var, Map.of("value", "two")).expect(204);
        api.delete("/variables/name/" + var).expect(204);
        List<JsonNode> variable = events("prefect.variable." + varId);
        assertThat(names(variable)).containsExactly("prefect.variable.created", "prefect.variable.updated",
                "prefect.variable.deleted");
        assertThat(variable.get(1).get("payload")).isEqualTo(
                Json.read("{\"name\":\"" + var + "\",\"value\":\"two\",\"tags\":[\"tour\"]}"));
        assertThat(variable.get(2).get("payload").get("value").asText()).isEqualTo("two");

        String gcl = ns + "-gcl";
        String gclId = api.post("/v2/concurrency_limits/", Map.of("name", gcl, "limit", 3)).expect(201)
                .body().get("id").asText();
        api.patch("/v2/concurrency_limits/" + gcl, Map.of("limit", 5, "active", false)).expect(204);
        api.delete("/v2/concurrency_limits/" + gcl).expect(204);
        List<JsonNode> limit = events("prefect.concurrency-limit." + gclId);
        assertThat(names(limit)).containsExactly("prefect.concurrency-limit.created",
                "prefect.concurrency-limit.updated", "prefect.concurrency-limit.deleted");
        JsonNode payload = limit.get(1).get("payload");
        assertThat(payload.get("name").asText()).isEqualTo(gcl);
        assertThat(payload.get("limit").asInt()).isEqualTo(5);
        assertThat(payload.get("active").asBoolean()).isFalse();
        assertThat(payload.get("slot_decay_per_second").asDouble()).isEqualTo(0.0);
    }

    @Test
    void workPoolQueueAndDeploymentEventsAsTheTourRecordsThem() {
        String pool = ns + "-pool";
        JsonNode created = api.post("/work_pools/", Map.of("name", pool, "type", "process")).expect(201).body();
        String poolId = created.get("id").asText();
        String defaultQueue = created.get("default_queue_id").asText();
        api.patch("/work_pools/" + pool, Map.of("is_paused", true)).expect(204);
        api.patch("/work_pools/" + pool, Map.of("is_paused", false)).expect(204);
        String queueId = api.post("/work_pools/" + pool + "/queues", Map.of("name", "q")).expect(201)
                .body().get("id").asText();
        String flowId = api.post("/flows/", Map.of("name", ns + "-f")).expect(201).body().get("id").asText();
        String deploymentId = api.post("/deployments/", Map.of("name", "dep", "flow_id", flowId,
                "work_pool_name", pool)).expect(201).body().get("id").asText();
        api.patch("/deployments/" + deploymentId, Map.of("description", "updated", "tags", List.of("tour")))
                .expect(204);
        api.post("/work_pools/" + pool + "/workers/heartbeat", Map.of("name", "w1")).expect(204);
        api.post("/work_pools/" + pool + "/get_scheduled_flow_runs", Map.of()).expect(200);
        api.delete("/deployments/" + deploymentId).expect(204);

        List<JsonNode> poolEvents = events("prefect.work-pool." + poolId);
        assertThat(names(poolEvents)).containsExactly("prefect.work-pool.created", "prefect.work-pool.not-ready",
                "prefect.work-pool.paused", "prefect.work-pool.not-ready", "prefect.work-pool.ready");
        assertThat(related(poolEvents.get(0))).containsExactly("prefect.work-queue." + defaultQueue + "(default-queue)");
        assertThat(poolEvents.get(0).get("resource").get("prefect.work-pool.type").asText()).isEqualTo("process");
        // Each status event follows the one before it.
        assertThat(poolEvents.get(2).get("follows").asText()).isEqualTo(poolEvents.get(1).get("id").asText());
        assertThat(poolEvents.get(4).get("follows").asText()).isEqualTo(poolEvents.get(3).get("id").asText());

        assertThat(names(events("prefect.work-queue." + defaultQueue)))
                .containsExactly("prefect.work-queue.created", "prefect.work-queue.ready");
        List<JsonNode> queue = events("prefect.work-queue." + queueId);
        assertThat(names(queue)).containsExactly("prefect.work-queue.created", "prefect.work-queue.ready");
        assertThat(related(queue.get(0))).containsExactly("prefect.work-pool." + poolId + "(work-pool)");

        List<JsonNode> deployment = events("prefect.deployment." + deploymentId);
        assertThat(names(deployment)).containsExactly("prefect.deployment.created", "prefect.deployment.updated",
                "prefect.deployment.ready", "prefect.deployment.deleted");
        assertThat(related(deployment.get(3))).containsExactly("prefect.flow." + flowId + "(flow)",
                "prefect.work-queue." + defaultQueue + "(work-queue)", "prefect.work-pool." + poolId + "(work-pool)");
        JsonNode updates = deployment.get(1).get("payload");
        assertThat(updates.get("updated_fields")).containsExactlyInAnyOrder(Json.NODES.textNode("description"),
                Json.NODES.textNode("tags"));
        assertThat(updates.get("updates").get("tags").get("to")).isEqualTo(Json.read("[\"tour\"]"));
    }

    @Test
    void artifactCollectionAndBlockDocumentEvents() {
        String key = ns + "-report";
        String first = api.post("/artifacts/", Map.of("key", key, "type", "markdown", "data", "# one",
                "description", "tour")).expect(201).body().get("id").asText();
        String second = api.post("/artifacts/", Map.of("key", key, "type", "markdown", "data", "# two"))
                .expect(201).body().get("id").asText();
        String collectionId = api.post("/artifacts/latest/filter", Map.of("artifacts",
                Map.of("key", Map.of("any_", List.of(key))))).expect(200).body().get(0).get("id").asText();
        List<JsonNode> collection = events("prefect.artifact-collection." + collectionId);
        assertThat(names(collection)).containsExactly("prefect.artifact-collection.created",
                "prefect.artifact-collection.updated");
        assertThat(related(collection.get(0))).containsExactly("prefect.artifact." + first + "(latest)");
        assertThat(related(collection.get(1))).containsExactly("prefect.artifact." + second + "(latest)");
        assertThat(collection.get(0).get("payload")).isEqualTo(Json.read(
                "{\"key\":\"" + key + "\",\"type\":\"markdown\",\"data\":\"# one\",\"description\":\"tour\"}"));

        JsonNode type = api.get("/block_types/slug/secret").expect(200).body();
        JsonNode schema = api.post("/block_schemas/filter", Map.of("block_schemas",
                Map.of("block_type_id", Map.of("any_", List.of(type.get("id").asText()))))).expect(200).body().get(0);
        String docId = api.post("/block_documents/", Map.of("name", ns + "-secret", "data", Map.of("value", "hush"),
                "block_schema_id", schema.get("id").asText(), "block_type_id", type.get("id").asText()))
                .expect(201).body().get("id").asText();
        List<JsonNode> doc = events("prefect.block-document." + docId);
        assertThat(names(doc)).containsExactly("prefect.block-document.created");
        assertThat(doc.get(0).get("payload").get("data")).isEqualTo(Json.object());
        assertThat(related(doc.get(0))).containsExactly("prefect.block-type." + type.get("id").asText() + "(block-type)",
                "prefect.block-schema." + schema.get("id").asText() + "(block-schema)");
    }

    @Test
    void serverEventsReachLiveSubscribersAfterTheirCommit() {
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", Json.timestamp(Times.now().minusSeconds(60)))
                .put("until", Json.timestamp(Times.now().plusSeconds(3600))));
        filter.set("event", Json.object().set("prefix", Json.array().add("prefect.variable.")));
        ObjectNode message = Json.object().put("type", "filter");
        message.set("filter", filter);
        message.put("backfill", false);
        try (TestSocket out = TestSocket.authenticated(server, "/events/out")) {
            out.send(message);
            String id = api.post("/variables/", Map.of("name", ns + "_live", "value", 1)).expect(201)
                    .body().get("id").asText();
            JsonNode received;
            do {
                received = out.next().get("event");
            } while (!received.get("resource").get("prefect.resource.id").asText().equals("prefect.variable." + id));
            assertThat(received.get("event").asText()).isEqualTo("prefect.variable.created");
            assertThat(received.has("received")).isTrue();
        }
    }
}
