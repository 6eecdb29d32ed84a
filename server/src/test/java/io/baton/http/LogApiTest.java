package io.baton.http;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.ArrayList;
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
class LogApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String flowRun;
    String taskRun;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        flowRun = UUID.randomUUID().toString();
        taskRun = UUID.randomUUID().toString();
    }

    private Map<String, Object> log(String name, int level, String message, String timestamp, String taskRunId) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("level", level);
        m.put("message", message);
        m.put("timestamp", timestamp);
        m.put("flow_run_id", flowRun);
        m.put("task_run_id", taskRunId);
        return m;
    }

    private void seed() {
        var r = api.post("/logs/", List.of(
                log("prefect.flow_runs", 20, "Beginning flow run", "2026-11-21T05:34:32.000001Z", null),
                log("prefect.task_runs", 40, "Task run failed with exception: RuntimeError", "2026-11-21T05:34:33Z", taskRun),
                log("prefect.task_runs", 20, "Finished in state Completed()", "2026-11-21T05:34:34Z", taskRun),
                log("prefect.flow_runs", 10, "debug connection timeout here", "2026-11-21T05:34:35Z", null)));
        r.expect(201);
        assertThat(r.raw()).isEqualTo("null");
    }

    private List<String> messages(Map<String, Object> logsFilter, String sort) {
        Map<String, Object> filter = new HashMap<>(logsFilter);
        filter.putIfAbsent("flow_run_id", Map.of("any_", List.of(flowRun)));
        Map<String, Object> body = new HashMap<>();
        body.put("logs", filter);
        if (sort != null) {
            body.put("sort", sort);
        }
        List<String> out = new ArrayList<>();
        api.post("/logs/filter", body).expect(200).body().forEach(l -> out.add(l.get("message").asText()));
        return out;
    }

    @Test
    void createdLogsAreReadBackInTimestampOrder() {
        seed();
        JsonNode logs = api.post("/logs/filter", Map.of("logs", Map.of("flow_run_id", Map.of("any_", List.of(flowRun)))))
                .expect(200).body();
        assertThat(logs).hasSize(4);
        assertThat(logs.get(0).get("message").asText()).isEqualTo("Beginning flow run");
        assertThat(logs.get(0).get("timestamp").asText()).isEqualTo("2026-11-21T05:34:32.000001Z");
        assertThat(logs.get(1).get("task_run_id").asText()).isEqualTo(taskRun);
        assertThat(logs.get(0).get("task_run_id").isNull()).isTrue();
        assertThat(messages(Map.of(), "TIMESTAMP_DESC").getFirst()).isEqualTo("debug connection timeout here");
    }

    @Test
    void filtersByLevelTimestampAndTaskRun() {
        seed();
        assertThat(messages(Map.of("level", Map.of("ge_", 20, "le_", 20)), null))
                .containsExactly("Beginning flow run", "Finished in state Completed()");
        assertThat(messages(Map.of("timestamp", Map.of("after_", "2026-11-21T05:34:33Z",
                "before_", "2026-11-21T05:34:34Z")), null)).hasSize(2);
        assertThat(messages(Map.of("task_run_id", Map.of("is_null_", true)), null))
                .containsExactly("Beginning flow run", "debug connection timeout here");
        assertThat(messages(Map.of("task_run_id", Map.of("any_", List.of(taskRun))), null)).hasSize(2);
        assertThat(messages(Map.of("task_run_id", Map.of("any_", List.of())), null)).isEmpty();
    }

    @Test
    void textSearchHasTermsRequiredExcludedAndPhrases() {
        seed();
        assertThat(messages(Map.of("text", Map.of("query", "runtimeerror")), null)).hasSize(1);
        assertThat(messages(Map.of("text", Map.of("query", "beginning finished")), null)).hasSize(2);
        assertThat(messages(Map.of("text", Map.of("query", "prefect.task_runs -completed")), null))
                .containsExactly("Task run failed with exception: RuntimeError");
        assertThat(messages(Map.of("text", Map.of("query", "+flow_runs !debug")), null))
                .containsExactly("Beginning flow run");
        assertThat(messages(Map.of("text", Map.of("query", "\"connection timeout\"")), null)).hasSize(1);
        assertThat(messages(Map.of("text", Map.of("query", "\"timeout connection\"")), null)).isEmpty();
    }

    @Test
    void nulCharactersAreStrippedAndLimitsChecked() {
        api.post("/logs/", List.of(log("na\u0000me", 20, "a\u0000b", "2026-11-21T05:34:32Z", null))).expect(201);
        JsonNode logs = api.post("/logs/filter", Map.of("logs", Map.of("flow_run_id", Map.of("any_", List.of(flowRun)))))
                .expect(200).body();
        assertThat(logs.get(0).get("message").asText()).isEqualTo("ab");
        assertThat(logs.get(0).get("name").asText()).isEqualTo("name");
        assertThat(api.post("/logs/filter", Map.of("limit", 201)).expect(422).body().get("detail").asText())
                .isEqualTo("Invalid limit: must be less than or equal to 200.");
        api.post("/logs/", List.of(Map.of("name", "x"))).expect(422);
    }

    @Test
    void downloadGivesTheFlowRunsLogsAsCsv() {
        var server = TestServers.shared(db);
        server.database().writeVoid(dsl -> {
            UUID flow = UUID.randomUUID();
            dsl.insertInto(FLOW.table()).set(FLOW.ID, flow).set(FLOW.NAME, "flow-" + flow).execute();
            dsl.insertInto(FLOW_RUN.table()).set(FLOW_RUN.ID, UUID.fromString(flowRun)).set(FLOW_RUN.FLOW_ID, flow)
                    .set(FLOW_RUN.NAME, "lumpy-sponge").execute();
        });
        seed();
        api.post("/logs/", List.of(log("n", 20, "with, comma and \"quotes\"", "2026-11-21T05:34:36Z", null))).expect(201);
        var r = api.get("/flow_runs/" + flowRun + "/logs/download").expect(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=lumpy-sponge-logs.csv");
        String[] lines = r.raw().split("\r\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("timestamp,level,flow_run_id,task_run_id,message");
        assertThat(lines[1]).isEqualTo("2026-11-21 05:34:32.000001+00:00,20," + flowRun + ",,Beginning flow run");
        assertThat(lines[2]).isEqualTo("2026-11-21 05:34:33+00:00,40," + flowRun + "," + taskRun
                + ",Task run failed with exception: RuntimeError");
        assertThat(lines[5]).endsWith(",\"with, comma and \"\"quotes\"\"\"");
    }

    @Test
    void downloadOfAnUnknownFlowRunIs404() {
        assertThat(api.get("/flow_runs/" + UUID.randomUUID() + "/logs/download").expect(404).body().get("detail")
                .asText()).isEqualTo("Flow run not found");
    }
}
