package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.HashMap;
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
class DeploymentApiTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String flowName;
    String flowId;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        flowName = "flow-" + UUID.randomUUID();
        flowId = api.post("/flows/", Map.of("name", flowName)).expect(201).body().get("id").asText();
    }

    private Map<String, Object> deployment(String name, Object... extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "flow_id", flowId));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> interval(double seconds) {
        return Map.of("schedule", Map.of("interval", seconds, "anchor_date", "2026-01-01T00:00:00Z", "timezone", "UTC"));
    }

    private long scheduledRuns(String deploymentId) {
        FlowRunTable fr = FlowRunTable.FLOW_RUN;
        return server.database().read(dsl -> dsl.selectCount().from(fr.table())
                .where(fr.DEPLOYMENT_ID.eq(UUID.fromString(deploymentId))).and(fr.STATE_TYPE.eq("SCHEDULED"))
                .fetchOne(0, Long.class));
    }

    @Test
    void upsertReplacesSchedulesAndDeletesAutoScheduledRuns() {
        JsonNode created = api.post("/deployments/", deployment("d", "schedules", List.of(interval(60)),
                "parameters", Map.of("x", 1), "tags", List.of("t"))).expect(201).body();
        String id = created.get("id").asText();
        assertThat(created.get("schedules")).hasSize(1);
        assertThat(created.get("labels").get("prefect.flow.id").asText()).isEqualTo(flowId);
        assertThat(created.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(created.get("concurrency_limit").isNull()).isTrue();
        assertThat(created.get("pull_steps").isArray()).isTrue();
        api.post("/deployments/" + id + "/schedule", Map.of("max_runs", 5)).expect(200);
        assertThat(scheduledRuns(id)).isEqualTo(5);

        JsonNode again = api.post("/deployments/", deployment("d", "schedules", List.of(interval(120), interval(300))))
                .expect(200).body();
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(again.get("schedules")).hasSize(2);
        assertThat(again.get("parameters").get("x").asInt()).isEqualTo(1);
        assertThat(again.get("tags").get(0).asText()).isEqualTo("t");
        assertThat(scheduledRuns(id)).isZero();
    }

    @Test
    void workPoolResolution() {
        String pool = "pool-" + UUID.randomUUID();
        JsonNode p = api.post("/work_pools/", Map.of("name", pool, "type", "process")).expect(201).body();
        JsonNode d = api.post("/deployments/", deployment("d", "work_pool_name", pool)).expect(201).body();
        assertThat(d.get("work_pool_name").asText()).isEqualTo(pool);
        assertThat(d.get("work_queue_name").asText()).isEqualTo("default");
        assertThat(d.get("work_queue_id")).isEqualTo(p.get("default_queue_id"));
        JsonNode q = api.post("/deployments/", deployment("d2", "work_pool_name", pool, "work_queue_name", "fresh"))
                .expect(201).body();
        assertThat(q.get("work_queue_name").asText()).isEqualTo("fresh");
        api.get("/work_pools/" + pool + "/queues/fresh").expect(200);
        assertThat(api.post("/deployments/", deployment("d3", "work_pool_name", "nope-" + pool)).expect(404)
                .body().get("detail").asText()).isEqualTo("Work pool \"nope-" + pool + "\" not found.");
        String id = d.get("id").asText();
        Map<String, Object> clear = new HashMap<>();
        clear.put("work_pool_name", null);
        api.patch("/deployments/" + id, clear).expect(204);
        JsonNode cleared = api.get("/deployments/" + id).body();
        assertThat(cleared.get("work_queue_id").isNull()).isTrue();
        assertThat(cleared.get("work_pool_name").isNull()).isTrue();
    }

    @Test
    void concurrencyLimitRow() {
        JsonNode d = api.post("/deployments/", deployment("d", "concurrency_limit", 3,
                "concurrency_options", Map.of("collision_strategy", "CANCEL_NEW"))).expect(201).body();
        String id = d.get("id").asText();
        assertThat(d.get("concurrency_limit").isNull()).isTrue();
        assertThat(d.get("global_concurrency_limit").get("limit").asInt()).isEqualTo(3);
        assertThat(d.get("global_concurrency_limit").get("name").asText()).isEqualTo("deployment:" + id);
        assertThat(d.get("concurrency_options").get("collision_strategy").asText()).isEqualTo("CANCEL_NEW");
        api.patch("/deployments/" + id, Map.of("concurrency_limit", 5)).expect(204);
        assertThat(api.get("/deployments/" + id).body().get("global_concurrency_limit").get("limit").asInt()).isEqualTo(5);
        Map<String, Object> none = new HashMap<>();
        none.put("concurrency_limit", null);
        api.patch("/deployments/" + id, none).expect(204);
        assertThat(api.get("/deployments/" + id).body().get("global_concurrency_limit").isNull()).isTrue();
    }

    @Test
    void readPatchDeleteAndNames() {
        JsonNode d = api.post("/deployments/", deployment("d", "schedules", List.of(interval(60)))).expect(201).body();
        String id = d.get("id").asText();
        assertThat(api.get("/deployments/name/" + flowName + "/d").expect(200).body().get("id").asText()).isEqualTo(id);
        assertThat(api.get("/deployments/name/" + flowName + "/nope").expect(404).body().get("detail").asText())
                .isEqualTo("Deployment not found");
        api.patch("/deployments/" + id, Map.of("description", "new", "schedules", List.of())).expect(204);
        JsonNode read = api.get("/deployments/" + id).body();
        assertThat(read.get("description").asText()).isEqualTo("new");
        assertThat(read.get("schedules")).isEmpty();
        api.patch("/deployments/" + UUID.randomUUID(), Map.of("description", "x")).expect(404);
        api.post("/deployments/" + id + "/schedule", Map.of("max_runs", 2)).expect(200);
        api.delete("/deployments/" + id).expect(204);
        assertThat(scheduledRuns(id)).isZero();
        api.get("/deployments/" + id).expect(404);
        api.delete("/deployments/" + id).expect(404);
    }

    @Test
    void pauseDeletesAutoScheduledRuns() {
        String id = api.post("/deployments/", deployment("d", "schedules", List.of(interval(60)))).body().get("id").asText();
        api.post("/deployments/" + id + "/schedule", Map.of("max_runs", 3)).expect(200);
        assertThat(scheduledRuns(id)).isEqualTo(3);
        api.post("/deployments/" + id + "/pause_deployment", null).expect(200);
        assertThat(api.get("/deployments/" + id).body().get("paused").asBoolean()).isTrue();
        assertThat(scheduledRuns(id)).isZero();
        api.post("/deployments/" + id + "/resume_deployment", null).expect(200);
        assertThat(api.get("/deployments/" + id).body().get("paused").asBoolean()).isFalse();
        api.post("/deployments/" + UUID.randomUUID() + "/pause_deployment", null).expect(404);
    }

    @Test
    void scheduleRoutes() {
        String id = api.post("/deployments/", deployment("d")).body().get("id").asText();
        JsonNode added = api.post("/deployments/" + id + "/schedules", List.of(
                Map.of("schedule", Map.of("cron", "0 * * * *"), "slug", "hourly"),
                Map.of("schedule", Map.of("rrule", "FREQ=DAILY"), "active", false))).expect(201).body();
        assertThat(added).hasSize(2);
        assertThat(added.get(0).get("slug").asText()).isEqualTo("hourly");
        String scheduleId = added.get(0).get("id").asText();
        assertThat(api.get("/deployments/" + id + "/schedules").expect(200).body()).hasSize(2);
        api.patch("/deployments/" + id + "/schedules/" + scheduleId, Map.of("active", false)).expect(204);
        JsonNode schedules = api.get("/deployments/" + id).body().get("schedules");
        assertThat(schedules.get(0).get("id").asText()).as("most recently updated first").isEqualTo(scheduleId);
        assertThat(schedules.get(0).get("active").asBoolean()).isFalse();
        api.patch("/deployments/" + id + "/schedules/" + UUID.randomUUID(), Map.of("active", false)).expect(404);
        api.delete("/deployments/" + id + "/schedules/" + scheduleId).expect(204);
        api.delete("/deployments/" + id + "/schedules/" + scheduleId).expect(404);
        assertThat(api.get("/deployments/" + id + "/schedules").body()).hasSize(1);
        api.get("/deployments/" + UUID.randomUUID() + "/schedules").expect(404);
    }

    @Test
    void invalidScheduleIsAPrefectValidationError() {
        String id = api.post("/deployments/", deployment("d")).body().get("id").asText();
        JsonNode error = api.post("/deployments/" + id + "/schedules",
                List.of(Map.of("schedule", Map.of("cron", "not a cron")))).expect(422).body();
        assertThat(error.get("exception_message").asText()).isEqualTo("Invalid request received.");
        JsonNode first = error.get("exception_detail").get(0);
        assertThat(first.get("loc").get(0).asText()).isEqualTo("body");
        assertThat(first.get("loc").get(1).asInt()).isZero();
        assertThat(first.get("loc").get(2).asText()).isEqualTo("schedule");
        JsonNode onCreate = api.post("/deployments/", deployment("e", "schedules",
                List.of(Map.of("schedule", Map.of("interval", 60, "timezone", "Not/AZone"))))).expect(422).body();
        assertThat(onCreate.get("exception_detail").get(0).get("loc").get(1).asText()).isEqualTo("schedules");
    }

    @Test
    void filterCountPaginateAndBulkDelete() {
        String tag = "tag-" + UUID.randomUUID();
        for (String name : List.of("b", "a", "c")) {
            api.post("/deployments/", deployment(name, "tags", List.of(tag))).expect(201);
        }
        var filter = Map.of("deployments", Map.of("tags", Map.of("all_", List.of(tag))));
        JsonNode listed = api.post("/deployments/filter", filter).expect(200).body();
        assertThat(listed).extracting(n -> n.get("name").asText()).containsExactly("a", "b", "c");
        var desc = new HashMap<String, Object>(filter);
        desc.put("sort", "NAME_DESC");
        assertThat(api.post("/deployments/filter", desc).body().get(0).get("name").asText()).isEqualTo("c");
        assertThat(api.post("/deployments/count", filter).expect(200).body().asInt()).isEqualTo(3);
        var page = new HashMap<String, Object>(filter);
        page.put("limit", 2);
        page.put("page", 2);
        JsonNode paged = api.post("/deployments/paginate", page).expect(200).body();
        assertThat(paged.get("results")).hasSize(1);
        assertThat(paged.get("pages").asInt()).isEqualTo(2);
        var byFlowName = Map.of("deployments", Map.of("flow_or_deployment_name", Map.of("like_", flowName)));
        assertThat(api.post("/deployments/count", byFlowName).body().asInt()).isEqualTo(3);
        JsonNode deleted = api.post("/deployments/bulk_delete", filter).expect(200).body();
        assertThat(deleted.get("deleted")).hasSize(3);
        assertThat(api.post("/deployments/count", filter).body().asInt()).isZero();
    }

    @Test
    void workQueueCheck() {
        String id = api.post("/deployments/", deployment("d", "tags", List.of("x", "y"))).body().get("id").asText();
        String queue = "legacy-" + UUID.randomUUID();
        api.post("/work_queues/", Map.of("name", queue, "filter", Map.of("tags", List.of("x")))).expect(201);
        JsonNode matching = api.get("/deployments/" + id + "/work_queue_check").expect(200).body();
        assertThat(matching).extracting(n -> n.get("name").asText()).contains(queue);
        api.get("/deployments/" + UUID.randomUUID() + "/work_queue_check").expect(404);
    }
}
