package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The typical flow-run sequences driven over HTTP, as the Prefect client drives them. */
@ParameterizedClass
@EnumSource(DbKind.class)
class OrchestrationApiTest {

    static final Map<String, String> CLIENT = Map.of("User-Agent", "prefect/3.8.3 (API 0.8.4)",
            "X-PREFECT-API-VERSION", "0.8.4");

    @Parameter
    DbKind db;

    ApiClient api;
    String flowId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        flowId = api.post("/flows/", Map.of("name", "flow-" + UUID.randomUUID())).body().get("id").asText();
    }

    String createRun(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("flow_id", flowId));
        body.putAll(extra);
        return api.post("/flow_runs/", body).expect(201).body().get("id").asText();
    }

    ApiClient.Response propose(String path, Map<String, Object> state, boolean force) {
        Map<String, Object> details = new HashMap<>(Map.of("transition_id", UUID.randomUUID().toString()));
        Map<String, Object> s = new HashMap<>(state);
        s.putIfAbsent("state_details", details);
        return api.send("POST", path + "/set_state", Map.of("state", s, "force", force), CLIENT);
    }

    ApiClient.Response propose(String runId, String type) {
        return propose("/flow_runs/" + runId, Map.of("type", type), false);
    }

    @Test
    void localFlowRunsToCompletion() {
        String id = createRun(Map.of());
        JsonNode running = propose(id, "RUNNING").expect(201).body();
        assertThat(running.get("status").asText()).isEqualTo("ACCEPT");
        assertThat(running.get("details").get("type").asText()).isEqualTo("accept_details");
        Map<String, Object> completed = Map.of("type", "COMPLETED", "data", Map.of("storage_key", "k", "serializer",
                Map.of("type", "json")));
        JsonNode done = propose("/flow_runs/" + id, completed, false).expect(201).body();
        assertThat(done.get("state").get("type").asText()).isEqualTo("COMPLETED");
        JsonNode run = api.get("/flow_runs/" + id).body();
        assertThat(run.get("run_count").asInt()).isEqualTo(1);
        assertThat(run.get("start_time").isNull()).isFalse();
        assertThat(run.get("end_time").isNull()).isFalse();
        assertThat(run.get("total_run_time").asDouble()).isPositive();
        // The result lives in an artifact row and comes back as the state's data.
        assertThat(run.get("state").get("data").get("storage_key").asText()).isEqualTo("k");
        JsonNode history = api.get("/flow_run_states/?flow_run_id=" + id).body();
        assertThat(history).extracting(s -> s.get("type").asText()).containsExactly("PENDING", "RUNNING", "COMPLETED");
    }

    @Test
    void failedRunWithRetriesIsRescheduledThenRunsAgain() {
        String id = createRun(Map.of("empirical_policy", Map.of("retries", 1, "retry_delay", 0)));
        propose(id, "RUNNING").expect(201);
        JsonNode failed = propose(id, "FAILED").expect(201).body();
        assertThat(failed.get("status").asText()).isEqualTo("REJECT");
        assertThat(failed.get("state").get("type").asText()).isEqualTo("SCHEDULED");
        assertThat(failed.get("state").get("name").asText()).isEqualTo("AwaitingRetry");
        propose(id, "RUNNING").expect(201);
        JsonNode run = api.get("/flow_runs/" + id).body();
        assertThat(run.get("state_type").asText()).isEqualTo("RUNNING");
        assertThat(run.get("run_count").asInt()).isEqualTo(2);
        // No retries left: the failure stands.
        assertThat(propose(id, "FAILED").expect(201).body().get("status").asText()).isEqualTo("ACCEPT");
    }

    @Test
    void runningBeforeTheScheduledTimeWaits() {
        String later = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String id = createRun(Map.of("state", Map.of("type", "SCHEDULED", "state_details", Map.of("scheduled_time", later))));
        JsonNode wait = propose(id, "RUNNING").expect(200).body();
        assertThat(wait.get("status").asText()).isEqualTo("WAIT");
        assertThat(wait.get("details").get("type").asText()).isEqualTo("wait_details");
        assertThat(wait.get("details").get("delay_seconds").isIntegralNumber()).isTrue();
        assertThat(wait.get("details").get("delay_seconds").asLong()).isPositive();
        assertThat(wait.get("state").get("type").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void cancellingAScheduledRunWithoutInfrastructureCancelsIt() {
        String id = createRun(Map.of("state", Map.of("type", "SCHEDULED")));
        JsonNode result = propose(id, "CANCELLING").expect(201).body();
        assertThat(result.get("state").get("type").asText()).isEqualTo("CANCELLED");
        assertThat(api.get("/flow_runs/" + id).body().get("state_type").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void subflowStatesAdvanceTheParentTaskRun() {
        String parent = createRun(Map.of());
        propose(parent, "RUNNING").expect(201);
        JsonNode task = api.post("/task_runs/", Map.of("flow_run_id", parent, "task_key", "child-" + UUID.randomUUID(),
                "dynamic_key", "0", "name", "child-flow-0")).expect(201).body();
        String taskId = task.get("id").asText();
        assertThat(task.get("state_type").asText()).isEqualTo("PENDING");
        assertThat(task.get("labels").get("prefect.flow-run.id").asText()).isEqualTo(parent);
        String child = createRun(Map.of("parent_task_run_id", taskId));
        propose(child, "RUNNING").expect(201);
        JsonNode running = api.get("/task_runs/" + taskId).expect(200).body();
        assertThat(running.get("state_type").asText()).isEqualTo("RUNNING");
        assertThat(running.get("state").get("state_details").get("child_flow_run_id").asText()).isEqualTo(child);
        propose(child, "COMPLETED").expect(201);
        assertThat(api.get("/task_runs/" + taskId).body().get("state_type").asText()).isEqualTo("COMPLETED");
        // PENDING at creation, then the child's PENDING, RUNNING and COMPLETED copied onto it.
        assertThat(api.get("/task_run_states/?task_run_id=" + taskId).body())
                .extracting(s -> s.get("type").asText()).containsExactly("PENDING", "PENDING", "RUNNING", "COMPLETED");
        // The same natural key finds the existing task run.
        JsonNode again = api.post("/task_runs/", Map.of("flow_run_id", parent, "task_key", task.get("task_key").asText(),
                "dynamic_key", "0")).expect(200).body();
        assertThat(again.get("id").asText()).isEqualTo(taskId);
    }

    @Test
    void taskRunSetStateAndUnknownRuns() {
        String parent = createRun(Map.of());
        String taskId = api.post("/task_runs/", Map.of("flow_run_id", parent, "task_key", "t-" + UUID.randomUUID(),
                "dynamic_key", "0")).expect(201).body().get("id").asText();
        propose("/flow_runs/" + parent, Map.of("type", "RUNNING"), false).expect(201);
        JsonNode running = propose("/task_runs/" + taskId, Map.of("type", "RUNNING"), false).expect(201).body();
        assertThat(running.get("status").asText()).isEqualTo("ACCEPT");
        assertThat(api.get("/task_runs/" + taskId).body().get("run_count").asInt()).isEqualTo(1);
        api.patch("/task_runs/" + taskId, Map.of("name", "renamed")).expect(204);
        assertThat(api.get("/task_runs/" + taskId).body().get("name").asText()).isEqualTo("renamed");
        UUID missing = UUID.randomUUID();
        assertThat(propose(missing.toString(), "RUNNING").expect(404).body().get("exception_message").asText())
                .isEqualTo("Flow run with id " + missing + " not found");
        assertThat(propose("/task_runs/" + missing, Map.of("type", "RUNNING"), false).expect(404).body()
                .get("exception_message").asText()).isEqualTo("Task run with id " + missing + " not found");
        api.delete("/task_runs/" + taskId).expect(204);
        api.get("/task_runs/" + taskId).expect(404);
    }

    @Test
    void resumeOfARunThatIsNotPausedAborts() {
        String id = createRun(Map.of());
        JsonNode result = api.post("/flow_runs/" + id + "/resume", Map.of()).expect(200).body();
        assertThat(result.get("status").asText()).isEqualTo("ABORT");
        assertThat(result.get("state").isNull()).isTrue();
        assertThat(result.get("details").get("reason").asText()).isEqualTo("Cannot resume a flow run that is not paused.");
    }

    @Test
    void pausedRunResumesToRunning() {
        String id = createRun(Map.of());
        propose(id, "RUNNING").expect(201);
        String timeout = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        propose("/flow_runs/" + id, Map.of("type", "PAUSED", "state_details",
                Map.of("pause_timeout", timeout, "pause_key", "p1")), false).expect(201);
        JsonNode resumed = api.post("/flow_runs/" + id + "/resume", Map.of()).expect(201).body();
        assertThat(resumed.get("status").asText()).isEqualTo("ACCEPT");
        assertThat(resumed.get("state").get("type").asText()).isEqualTo("RUNNING");
        assertThat(api.get("/flow_runs/" + id).body().get("state_type").asText()).isEqualTo("RUNNING");
    }

    @Test
    void bulkSetStateReportsEachRun() {
        String tag = "bulk-" + UUID.randomUUID();
        createRun(Map.of("tags", List.of(tag)));
        createRun(Map.of("tags", List.of(tag)));
        JsonNode results = api.post("/flow_runs/bulk_set_state", Map.of("flow_runs",
                Map.of("tags", Map.of("all_", List.of(tag))), "state", Map.of("type", "CANCELLED"))).expect(200)
                .body().get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("status").asText()).isEqualTo("ACCEPT");
    }

    @Test
    void concurrentPendingProposalsForOneScheduledRunAcceptExactlyOne() throws Exception {
        String id = createRun(Map.of("state", Map.of("type", "SCHEDULED")));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<String> call = () -> {
                    start.await();
                    ApiClient.Response r = propose(id, "PENDING");
                    return r.status() + " " + r.body().get("status").asText();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<String> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s.endsWith("ACCEPT")).hasSize(1);
            assertThat(statuses).filteredOn(s -> s.equals("201 ACCEPT")).hasSize(1);
            assertThat(statuses).filteredOn(s -> !s.endsWith("ACCEPT")).allMatch(s -> !s.startsWith("5"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/flow_run_states/?flow_run_id=" + id).body()).hasSize(2);
    }
}
