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

/** {@code /task_runs} count, paginate and history, and {@code /task_run_states}. */
@ParameterizedClass
@EnumSource(DbKind.class)
class TaskRunApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String tag;
    String flowRunId;
    Map<String, Object> byTag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        tag = "t-" + UUID.randomUUID();
        String flowId = api.post("/flows/", Map.of("name", "flow-" + UUID.randomUUID())).expect(201).body().get("id").asText();
        flowRunId = api.post("/flow_runs/", Map.of("flow_id", flowId)).expect(201).body().get("id").asText();
        byTag = Map.of("task_runs", Map.of("tags", Map.of("all_", List.of(tag))));
    }

    JsonNode createTaskRun(String name) {
        return api.post("/task_runs/", Map.of("flow_run_id", flowRunId, "task_key", "key-" + UUID.randomUUID(),
                "dynamic_key", "0", "name", name, "tags", List.of(tag), "state", Map.of("type", "PENDING"))).expect(201).body();
    }

    @Test
    void countAndPaginate() {
        JsonNode a = createTaskRun("a-" + tag);
        JsonNode b = createTaskRun("b-" + tag);
        assertThat(api.post("/task_runs/count", byTag).expect(200).body().asInt()).isEqualTo(2);
        assertThat(api.post("/task_runs/count", Map.of("task_runs", Map.of("name", Map.of("any_", List.of("a-" + tag)))))
                .expect(200).body().asInt()).isEqualTo(1);

        Map<String, Object> paged = new HashMap<>(byTag);
        paged.put("sort", "NAME_DESC");
        paged.put("limit", 1);
        paged.put("page", 2);
        JsonNode page = api.post("/task_runs/paginate", paged).expect(200).body();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("pages").asInt()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.get("results").get(0).get("id")).isEqualTo(a.get("id"));
        paged.put("page", 1);
        assertThat(api.post("/task_runs/paginate", paged).expect(200).body().get("results").get(0).get("id"))
                .isEqualTo(b.get("id"));
    }

    @Test
    void historyBucketsByState() {
        createTaskRun("h-" + tag);
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(byTag);
        body.put("history_start", now.minus(1, ChronoUnit.HOURS).toString());
        body.put("history_end", now.plus(1, ChronoUnit.HOURS).toString());
        body.put("history_interval_seconds", 3600);
        JsonNode history = api.post("/task_runs/history", body).expect(200).body();
        assertThat(history).hasSize(2);
        long pending = 0;
        for (JsonNode bucket : history) {
            for (JsonNode s : bucket.get("states")) {
                pending += s.get("state_type").asText().equals("PENDING") ? s.get("count_runs").asLong() : 0;
            }
        }
        assertThat(pending).isEqualTo(1);
    }

    @Test
    void statesAreListedAndReadable() {
        String id = createTaskRun("s-" + tag).get("id").asText();
        JsonNode states = api.get("/task_run_states/?task_run_id=" + id).expect(200).body();
        assertThat(states).hasSize(1);
        String stateId = states.get(0).get("id").asText();
        JsonNode state = api.get("/task_run_states/" + stateId).expect(200).body();
        assertThat(state.get("type").asText()).isEqualTo("PENDING");
        assertThat(state.get("state_details").get("task_run_id").asText()).isEqualTo(id);
        assertThat(api.get("/task_run_states/" + UUID.randomUUID()).expect(404).body().get("detail").asText())
                .isEqualTo("Task run state not found");
    }
}
