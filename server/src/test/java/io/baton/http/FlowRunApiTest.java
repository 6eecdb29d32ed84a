package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /flow_runs} CRUD, filters, history and labels. */
@ParameterizedClass
@EnumSource(DbKind.class)
class FlowRunApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String tag;
    String flowId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        tag = "t-" + UUID.randomUUID();
        flowId = api.post("/flows/", Map.of("name", "flow-" + UUID.randomUUID())).body().get("id").asText();
    }

    JsonNode createRun(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("flow_id", flowId, "tags", List.of(tag)));
        body.putAll(extra);
        return api.post("/flow_runs/", body).expect(201).body();
    }

    @Test
    void createDefaultsToPendingWithSystemLabels() {
        JsonNode run = createRun(Map.of("parameters", Map.of("x", 1)));
        assertThat(run.get("state_type").asText()).isEqualTo("PENDING");
        assertThat(run.get("state").get("name").asText()).isEqualTo("Pending");
        assertThat(run.get("state").get("state_details").get("flow_run_id").asText()).isEqualTo(run.get("id").asText());
        assertThat(run.get("state_id")).isEqualTo(run.get("state").get("id"));
        assertThat(run.get("labels").get("prefect.flow.id").asText()).isEqualTo(flowId);
        assertThat(run.get("name").asText()).matches("[a-z]+-[a-z]+");
        assertThat(run.get("empirical_policy").get("pause_keys").isArray()).isTrue();
        assertThat(run.get("total_run_time").isNumber()).isTrue();
        JsonNode read = api.get("/flow_runs/" + run.get("id").asText()).expect(200).body();
        assertThat(read.get("parameters").get("x").asInt()).isEqualTo(1);
        assertThat(read.get("expected_start_time").asText()).isEqualTo(run.get("state").get("timestamp").asText());
    }

    @Test
    void idempotencyKeyReturnsTheExistingRun() {
        String key = "key-" + UUID.randomUUID();
        JsonNode first = createRun(Map.of("idempotency_key", key));
        JsonNode second = api.post("/flow_runs/", Map.of("flow_id", flowId, "idempotency_key", key,
                "state", Map.of("type", "SCHEDULED"))).expect(200).body();
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(second.get("state_type").asText()).isEqualTo("PENDING");
    }

    @Test
    void unknownWorkPoolIsNotFound() {
        var missing = api.post("/flow_runs/", Map.of("flow_id", flowId, "work_pool_name", "nope-" + tag)).expect(404);
        assertThat(missing.body().get("detail").asText()).isEqualTo("Work pool \"nope-" + tag + "\" not found.");
    }

    @Test
    void updateLabelsAndDelete() {
        String id = createRun(Map.of()).get("id").asText();
        api.patch("/flow_runs/" + id, Map.of("name", "renamed", "tags", List.of(tag, "b"))).expect(204);
        api.patch("/flow_runs/" + id + "/labels", Map.of("team", "data")).expect(204);
        JsonNode run = api.get("/flow_runs/" + id).body();
        assertThat(run.get("name").asText()).isEqualTo("renamed");
        assertThat(run.get("tags")).hasSize(2);
        assertThat(run.get("labels").get("team").asText()).isEqualTo("data");
        assertThat(run.get("labels").get("prefect.flow.id").asText()).isEqualTo(flowId);
        // Job variables only change while the run is SCHEDULED.
        var refused = api.patch("/flow_runs/" + id, Map.of("job_variables", Map.of("a", 1))).expect(400);
        assertThat(refused.body().get("detail").asText()).isEqualTo("Job variables for a flow run in state PENDING cannot be updated");
        api.delete("/flow_runs/" + id).expect(204);
        assertThat(api.get("/flow_runs/" + id).expect(404).body().get("detail").asText()).isEqualTo("Flow run not found");
        api.delete("/flow_runs/" + id).expect(404);
        api.patch("/flow_runs/" + id, Map.of("name", "x")).expect(404);
    }

    @Test
    void filterCountPaginateAndSort() {
        JsonNode a = createRun(Map.of("name", "a-" + tag));
        JsonNode b = createRun(Map.of("name", "b-" + tag));
        Map<String, Object> byTag = Map.of("flow_runs", Map.of("tags", Map.of("all_", List.of(tag))));
        assertThat(api.post("/flow_runs/count", byTag).expect(200).body().asInt()).isEqualTo(2);
        Map<String, Object> sorted = new HashMap<>(byTag);
        sorted.put("sort", "NAME_DESC");
        JsonNode list = api.post("/flow_runs/filter", sorted).expect(200).body();
        assertThat(list.get(0).get("id")).isEqualTo(b.get("id"));
        // Default order is ID_DESC: the newest run first.
        assertThat(api.post("/flow_runs/filter", byTag).body().get(0).get("id")).isEqualTo(b.get("id"));
        Map<String, Object> paged = new HashMap<>(byTag);
        paged.put("limit", 1);
        paged.put("page", 2);
        JsonNode page = api.post("/flow_runs/paginate", paged).expect(200).body();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("pages").asInt()).isEqualTo(2);
        assertThat(page.get("results").get(0).get("id")).isEqualTo(a.get("id"));
        for (String sort : List.of("ID_DESC", "START_TIME_ASC", "START_TIME_DESC", "EXPECTED_START_TIME_ASC",
                "EXPECTED_START_TIME_DESC", "NAME_ASC", "NEXT_SCHEDULED_START_TIME_ASC", "END_TIME_DESC")) {
            Map<String, Object> s = new HashMap<>(byTag);
            s.put("sort", sort);
            assertThat(api.post("/flow_runs/filter", s).expect(200).body()).hasSize(2);
        }
        Map<String, Object> deleteBody = new HashMap<>(byTag);
        JsonNode deleted = api.post("/flow_runs/bulk_delete", deleteBody).expect(200).body().get("deleted");
        assertThat(deleted).hasSize(2);
    }

    @Test
    void historyBucketsByState() {
        createRun(Map.of());
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(Map.of(
                "history_start", now.minus(1, ChronoUnit.HOURS).toString(),
                "history_end", now.plus(1, ChronoUnit.HOURS).toString(),
                "history_interval_seconds", 3600,
                "flow_runs", Map.of("tags", Map.of("all_", List.of(tag)))));
        JsonNode history = api.post("/flow_runs/history", body).expect(200).body();
        assertThat(history).hasSize(2);
        long pending = 0;
        for (JsonNode bucket : history) {
            for (JsonNode s : bucket.get("states")) {
                pending += s.get("state_type").asText().equals("PENDING") ? s.get("count_runs").asLong() : 0;
            }
        }
        assertThat(pending).isEqualTo(1);
        body.put("history_interval_seconds", 0.5);
        assertThat(api.post("/flow_runs/history", body).expect(422).body().get("detail").asText())
                .isEqualTo("History interval must not be less than 1 second.");
        assertThat(api.post("/task_runs/history", body).expect(422).body().get("detail").asText())
                .isEqualTo("History interval must not be less than 1 second.");
    }

    @Test
    void inputsAreKeyedPerRun() {
        String id = createRun(Map.of()).get("id").asText();
        api.post("/flow_runs/" + id + "/input", Map.of("key", "answer-1", "value", "{\"a\": 1}")).expect(201);
        api.post("/flow_runs/" + id + "/input", Map.of("key", "answer-1", "value", "2")).expect(409);
        api.post("/flow_runs/" + UUID.randomUUID() + "/input", Map.of("key", "k", "value", "2")).expect(404);
        var raw = api.get("/flow_runs/" + id + "/input/answer-1").expect(200);
        assertThat(raw.raw()).isEqualTo("{\"a\": 1}");
        JsonNode found = api.post("/flow_runs/" + id + "/input/filter", Map.of("prefix", "answer")).expect(200).body();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("key").asText()).isEqualTo("answer-1");
        api.delete("/flow_runs/" + id + "/input/answer-1").expect(204);
        api.get("/flow_runs/" + id + "/input/answer-1").expect(404);
    }

    @Test
    void statesAreListedAndReadable() {
        String id = createRun(Map.of()).get("id").asText();
        JsonNode states = api.get("/flow_run_states/?flow_run_id=" + id).expect(200).body();
        assertThat(states).hasSize(1);
        String stateId = states.get(0).get("id").asText();
        assertThat(api.get("/flow_run_states/" + stateId).expect(200).body().get("type").asText()).isEqualTo("PENDING");
        assertThat(api.get("/flow_run_states/" + UUID.randomUUID()).expect(404).body().get("detail").asText())
                .isEqualTo("Flow run state not found");
    }
}
