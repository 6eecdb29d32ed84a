package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.Contract;
import io.baton.testing.DbKind;
import io.baton.testing.SharedFiles;
import io.baton.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hidden {@code /ui} routes, sent the bodies the UI sends (taken from the recorded UI session where one
 * exists) and checked against Prefect's response models.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class UiApiTest {

    @Parameter
    DbKind db;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
    }

    private String flow() {
        return api.post("/flows/", Map.of("name", "ui-" + UUID.randomUUID())).expect(201).body().get("id").asText();
    }

    private JsonNode run(String flowId, Map<String, Object> state) {
        return api.post("/flow_runs/", Map.of("flow_id", flowId, "state", state)).expect(201).body();
    }

    private String taskRun(String flowRunId, String key, Object inputs, String stateType) {
        return api.post("/task_runs/", Map.of("flow_run_id", flowRunId, "task_key", key, "dynamic_key", "0",
                "name", key, "task_inputs", inputs, "state", Map.of("type", stateType))).body().get("id").asText();
    }

    private static void assertComponent(String name, JsonNode value) {
        assertThat(Contract.get().validateComponent(name, value)).as("%s: %s", name, value).isEmpty();
    }

    @Test
    void countDeploymentsAnswersEveryAskedFlow() {
        String withDeployments = flow();
        String without = flow();
        api.post("/deployments/", Map.of("flow_id", withDeployments, "name", "d1")).expect(201);
        api.post("/deployments/", Map.of("flow_id", withDeployments, "name", "d2")).expect(201);
        JsonNode counts = api.post("/ui/flows/count-deployments", Map.of("flow_ids", List.of(withDeployments, without)))
                .expect(200).body();
        assertThat(counts.get(withDeployments).asInt()).isEqualTo(2);
        assertThat(counts.get(without).asInt()).isZero();
        assertThat(counts.size()).isEqualTo(2);
    }

    @Test
    void nextRunsGiveTheEarliestScheduledRunOrNull() {
        String flowId = flow();
        String idle = flow();
        Instant soon = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        run(flowId, Map.of("type", "SCHEDULED", "state_details", Map.of("scheduled_time", soon.plus(1, ChronoUnit.HOURS).toString())));
        JsonNode first = run(flowId, Map.of("type", "SCHEDULED", "state_details", Map.of("scheduled_time", soon.toString())));
        JsonNode next = api.post("/ui/flows/next-runs", Map.of("flow_ids", List.of(flowId, idle))).expect(200).body();
        JsonNode summary = next.get(flowId);
        assertThat(summary.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(summary.get("flow_id").asText()).isEqualTo(flowId);
        assertThat(summary.get("state_type").asText()).isEqualTo("SCHEDULED");
        assertThat(summary.get("state_name").asText()).isEqualTo("Scheduled");
        assertThat(Instant.parse(summary.get("next_scheduled_start_time").asText())).isEqualTo(soon);
        assertThat(summary.get("name").isTextual()).isTrue();
        assertThat(next.get(idle).isNull()).isTrue();
    }

    @Test
    void idListsAreValidatedInPrefectsShape() {
        JsonNode missing = api.post("/ui/flows/count-deployments", Map.of()).expect(422).body();
        assertThat(missing.get("exception_message").asText()).isEqualTo("Invalid request received.");
        assertThat(missing.get("exception_detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"flow_ids\"]");
        assertThat(missing.get("exception_detail").get(0).get("type").asText()).isEqualTo("missing");
        JsonNode notUuid = api.post("/ui/flow_runs/count-task-runs", Map.of("flow_run_ids", List.of("nope"))).expect(422).body();
        assertThat(notUuid.get("exception_detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"flow_run_ids\",0]");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        api.post("/ui/flows/next-runs", Map.of("flow_ids", tooMany)).expect(422);
        api.post("/ui/flow_runs/history", Map.of("limit", 1001)).expect(422);
        api.post("/ui/flow_runs/history", Map.of("sort", "SIDEWAYS")).expect(422);
        api.post("/ui/task_runs/count", Map.of("task_runs", Map.of("bogus", 1))).expect(422);
    }

    @Test
    void countTaskRunsLeavesSubflowParentsOut() {
        String flowId = flow();
        String parentRun = run(flowId, Map.of("type", "RUNNING")).get("id").asText();
        taskRun(parentRun, "a", Map.of(), "COMPLETED");
        taskRun(parentRun, "b", Map.of(), "RUNNING");
        String parentTask = taskRun(parentRun, "subflow", Map.of(), "RUNNING");
        api.post("/flow_runs/", Map.of("flow_id", flowId, "parent_task_run_id", parentTask,
                "state", Map.of("type", "RUNNING"))).expect(201);
        String empty = UUID.randomUUID().toString();
        JsonNode counts = api.post("/ui/flow_runs/count-task-runs", Map.of("flow_run_ids", List.of(parentRun, empty)))
                .expect(200).body();
        assertThat(counts.get(parentRun).asInt()).isEqualTo(2);
        assertThat(counts.get(empty).asInt()).isZero();
    }

    @Test
    void historyIsTheRecordedScatterBody() throws IOException {
        String flowId = flow();
        run(flowId, Map.of("type", "RUNNING"));
        run(flowId, Map.of("type", "COMPLETED"));
        JsonNode recorded = recordedBody("/api/ui/flow_runs/history");
        assertThat(recorded).isNotNull();
        Instant now = Instant.now();
        String body = String.format("{\"flows\":{\"id\":{\"any_\":[\"%s\"]}},\"flow_runs\":{\"start_time\":{\"before_\":\"%s\","
                        + "\"after_\":\"%s\"}},\"sort\":\"%s\",\"limit\":100,\"offset\":0}", flowId,
                now.plus(1, ChronoUnit.HOURS), now.minus(7, ChronoUnit.DAYS), recorded.get("sort").asText());
        JsonNode history = api.post("/ui/flow_runs/history", body).expect(200).body();
        assertThat(history.size()).isEqualTo(2);
        for (JsonNode item : history) {
            assertThat(item.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "state_type", "timestamp",
                    "duration", "lateness");
            assertThat(item.get("duration").isNumber()).isTrue();
            assertThat(item.get("lateness").isNumber()).isTrue();
            Instant.parse(item.get("timestamp").asText());
        }
        // The recorded request itself is accepted as sent.
        api.post("/ui/flow_runs/history", recorded.toString()).expect(200);
    }

    @Test
    void taskRunCountsByStateAndTheRecordedTaskTabBody() throws IOException {
        String flowId = flow();
        String flowRun = run(flowId, Map.of("type", "RUNNING")).get("id").asText();
        taskRun(flowRun, "c1", Map.of(), "COMPLETED");
        taskRun(flowRun, "c2", Map.of(), "COMPLETED");
        taskRun(flowRun, "f1", Map.of(), "FAILED");
        String recorded = recordedBody("/api/ui/task_runs/count").toString();
        String body = recorded.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", flowRun);
        JsonNode counts = api.post("/ui/task_runs/count", body).expect(200).body();
        assertComponent("CountByState", counts);
        assertThat(counts.size()).isEqualTo(9);
        assertThat(counts.get("COMPLETED").asInt()).isEqualTo(2);
        assertThat(counts.get("FAILED").asInt()).isEqualTo(1);
        assertThat(counts.get("RUNNING").asInt()).isZero();
    }

    @Test
    void dashboardCountsNeedAStartAndGiveTwentyBuckets() {
        String flowId = flow();
        String flowRun = run(flowId, Map.of("type", "RUNNING")).get("id").asText();
        taskRun(flowRun, "done", Map.of(), "COMPLETED");
        taskRun(flowRun, "broke", Map.of(), "FAILED");
        taskRun(flowRun, "busy", Map.of(), "RUNNING");
        JsonNode refused = api.post("/ui/task_runs/dashboard/counts", Map.of("task_runs", Map.of())).expect(422).body();
        assertThat(refused.get("detail").asText()).isEqualTo("task_runs.start_time.after_ is required");
        api.post("/ui/task_runs/dashboard/counts", Map.of()).expect(422);
        Instant now = Instant.now();
        JsonNode buckets = api.post("/ui/task_runs/dashboard/counts", Map.of(
                "flow_runs", Map.of("id", Map.of("any_", List.of(flowRun))),
                "task_runs", Map.of("start_time", Map.of("after_", now.minus(1, ChronoUnit.HOURS).toString(),
                        "before_", now.plus(1, ChronoUnit.HOURS).toString())))).expect(200).body();
        assertThat(buckets.size()).isEqualTo(20);
        long completed = 0;
        long failed = 0;
        for (JsonNode b : buckets) {
            assertThat(b.fieldNames()).toIterable().containsExactlyInAnyOrder("completed", "failed");
            completed += b.get("completed").asLong();
            failed += b.get("failed").asLong();
        }
        assertThat(completed).isEqualTo(1);
        assertThat(failed).isEqualTo(1);
    }

    @Test
    void taskRunWithItsFlowRunName() {
        String flowId = flow();
        JsonNode flowRun = run(flowId, Map.of("type", "RUNNING"));
        String task = taskRun(flowRun.get("id").asText(), "named", Map.of(), "RUNNING");
        JsonNode body = api.get("/ui/task_runs/" + task).expect(200).body();
        assertThat(body.get("flow_run_name").asText()).isEqualTo(flowRun.get("name").asText());
        assertComponent("TaskRun", body);
        assertThat(api.get("/ui/task_runs/" + UUID.randomUUID()).expect(404).body().get("detail").asText())
                .isEqualTo("Task not found");
    }

    @Test
    void schemaValidationReportsErrorsByProperty() {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("n", Map.of("type", "integer"), "names", Map.of("type", "array",
                        "items", Map.of("$ref", "#/definitions/Name"))),
                "required", List.of("n", "must"),
                "definitions", Map.of("Name", Map.of("type", "string")));
        JsonNode ok = api.post("/ui/schemas/validate", Map.of("schema", schema,
                "values", Map.of("n", 1, "must", true, "names", List.of("a")))).expect(200).body();
        assertThat(ok.toString()).isEqualTo("{\"errors\":[],\"valid\":true}");
        JsonNode bad = api.post("/ui/schemas/validate", Map.of("schema", schema,
                "values", Map.of("n", "x", "names", List.of("a", 2)))).expect(200).body();
        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.get("errors").toString())
                .contains("{\"property\":\"must\",\"errors\":[\"'must' is a required property\"]}")
                .contains("{\"property\":\"n\",\"errors\":[\"'x' is not of type 'integer'\"]}")
                .contains("{\"property\":\"names\",\"errors\":[{\"index\":1,\"errors\":[\"2 is not of type 'string'\"]}]}");
        api.post("/ui/schemas/validate", Map.of("schema", Map.of("$ref", "#/nowhere"), "values", Map.of()))
                .expect(422);
        api.post("/ui/schemas/validate", Map.of("values", Map.of())).expect(422);
    }

    @Test
    void uiSettingsAtTheRoot() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + TestServers.shared(db).port() + "/ui-settings")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode settings = ApiClient.json(response.body());
        assertThat(settings.fieldNames()).toIterable().containsExactlyInAnyOrder("api_url", "csrf_enabled", "auth",
                "flags", "default_ui", "available_uis", "v1_base_url", "v2_base_url");
        assertThat(settings.get("api_url").asText()).isEqualTo("/api");
        assertThat(settings.get("csrf_enabled").asBoolean()).isFalse();
        assertThat(settings.get("auth").isNull()).isTrue();
        assertThat(settings.get("available_uis").toString()).isEqualTo("[\"v1\"]");
    }

    @Test
    void metricsAreOffByDefault() {
        assertThat(EveryOperationIsRoutedTest.isNoSuchRoute(api.unvalidated().get("/metrics").expect(404))).isTrue();
    }

    /** The first recorded UI request body for {@code path}. */
    static JsonNode recordedBody(String path) throws IOException {
        JsonNode recording = ApiClient.json(Files.readString(SharedFiles.dir().resolve("prefect-traffic/ui-requests.json")));
        for (JsonNode page : recording.get("pages")) {
            for (JsonNode request : page.get("requests")) {
                if (request.get("url").asText().endsWith(path) && request.get("post").isTextual()) {
                    return ApiClient.json(request.get("post").asText());
                }
            }
        }
        return null;
    }
}
