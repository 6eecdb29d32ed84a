package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancellation cleanup, the cancelling timeout and pause expirations (SERVICES.md 2), driven through their store
 * and services with explicit clocks, including two passes racing each other as two replicas would.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class RunCleanupServicesTest {

    static final Map<String, String> CLIENT = Map.of("User-Agent", "prefect/3.8.3 (API 0.8.4)",
            "X-PREFECT-API-VERSION", "0.8.4");

    @Parameter
    DbKind db;

    /** A server of this class's own: the passes act on every run in the database, so no other test shares it. */
    private static final Map<DbKind, BatonServer> SERVERS = new java.util.EnumMap<>(DbKind.class);

    BatonServer server;
    ApiClient api;
    RunCleanupStore store;
    String flowId;

    @BeforeEach
    void setUp() {
        synchronized (SERVERS) {
            server = SERVERS.computeIfAbsent(db, k -> TestServers.fresh(k, java.util.function.UnaryOperator.identity()));
        }
        api = new ApiClient(server);
        store = server.stores().runCleanup;
        flowId = api.post("/flows/", Map.of("name", "flow-" + UUID.randomUUID())).body().get("id").asText();
    }

    @org.junit.jupiter.api.AfterAll
    static void closeServers() {
        synchronized (SERVERS) {
            SERVERS.values().forEach(BatonServer::close);
            SERVERS.clear();
        }
    }

    private String createRun(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("flow_id", flowId));
        body.putAll(extra);
        return api.post("/flow_runs/", body).expect(201).body().get("id").asText();
    }

    private JsonNode propose(String path, Map<String, Object> state) {
        Map<String, Object> s = new HashMap<>(state);
        s.putIfAbsent("state_details", Map.of("transition_id", UUID.randomUUID().toString()));
        return api.send("POST", path + "/set_state", Map.of("state", s, "force", false), CLIENT).body();
    }

    private String state(String path, String type) {
        return propose(path, Map.of("type", type)).get("status").asText();
    }

    private String taskRun(String flowRunId) {
        return api.post("/task_runs/", Map.of("flow_run_id", flowRunId, "task_key", "t-" + UUID.randomUUID(),
                "dynamic_key", "0")).expect(201).body().get("id").asText();
    }

    private JsonNode flowRun(String id) {
        return api.get("/flow_runs/" + id).expect(200).body();
    }

    private JsonNode task(String id) {
        return api.get("/task_runs/" + id).expect(200).body();
    }

    private void cancel(String flowRunId) {
        assertThat(state("/flow_runs/" + flowRunId, "CANCELLING")).isEqualTo("ACCEPT");
        assertThat(state("/flow_runs/" + flowRunId, "CANCELLED")).isEqualTo("ACCEPT");
    }

    /** Runs {@code pass} on two threads at once, as two replicas would. */
    private static void race(Runnable pass) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    pass.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void taskRunsOfACancelledFlowRunAreCancelledOnceEvenByTwoReplicas() throws Exception {
        String run = createRun(Map.of());
        assertThat(state("/flow_runs/" + run, "RUNNING")).isEqualTo("ACCEPT");
        String running = taskRun(run);
        String pending = taskRun(run);
        String completed = taskRun(run);
        assertThat(state("/task_runs/" + running, "RUNNING")).isEqualTo("ACCEPT");
        assertThat(state("/task_runs/" + completed, "RUNNING")).isEqualTo("ACCEPT");
        assertThat(state("/task_runs/" + completed, "COMPLETED")).isEqualTo("ACCEPT");
        cancel(run);

        CancellationCleanup cleanup = new CancellationCleanup(store, Duration.ofSeconds(20), Duration.ofSeconds(300));
        race(cleanup::runOnce);

        for (String id : List.of(running, pending)) {
            JsonNode t = task(id);
            assertThat(t.get("state_type").asText()).isEqualTo("CANCELLED");
            assertThat(t.get("state").get("message").asText()).isEqualTo(RunCleanupStore.CHILD_TASK_CANCELLED);
            JsonNode states = api.get("/task_run_states/?task_run_id=" + id).expect(200).body();
            assertThat(states.findValuesAsText("type").stream().filter("CANCELLED"::equals)).hasSize(1);
        }
        assertThat(task(completed).get("state_type").asText()).isEqualTo("COMPLETED");
        assertThat(store.cancelChildTaskRuns(Instant.now().minusSeconds(60), 200, 100)).isZero();
    }

    @Test
    void aFlowRunCancelledLongAgoIsLeftAlone() {
        String run = createRun(Map.of());
        state("/flow_runs/" + run, "RUNNING");
        String task = taskRun(run);
        cancel(run);
        assertThat(store.cancelChildTaskRuns(Instant.now().plusSeconds(60), 200, 100)).isZero();
        assertThat(task(task).get("state_type").asText()).isEqualTo("PENDING");
    }

    @Test
    void subflowsOfACancelledParentAreCancelled() throws Exception {
        String parent = createRun(Map.of());
        state("/flow_runs/" + parent, "RUNNING");
        String placeholder = taskRun(parent);
        String child = createRun(Map.of("parent_task_run_id", placeholder));
        state("/flow_runs/" + child, "RUNNING");
        String unrelated = createRun(Map.of());
        state("/flow_runs/" + unrelated, "RUNNING");
        cancel(parent);

        race(() -> store.cancelOrphanedSubflows(200));

        JsonNode c = flowRun(child);
        assertThat(c.get("state_type").asText()).isEqualTo("CANCELLED");
        JsonNode history = api.get("/flow_run_states/?flow_run_id=" + child).expect(200).body();
        assertThat(history.findValuesAsText("type")).containsExactly("PENDING", "RUNNING", "CANCELLED");
        // The subflow's parent task run follows its subflow.
        assertThat(task(placeholder).get("state_type").asText()).isEqualTo("CANCELLED");
        assertThat(flowRun(unrelated).get("state_type").asText()).isEqualTo("RUNNING");
        assertThat(store.cancelOrphanedSubflows(200)).isZero();
    }

    @Test
    void aRunStuckCancellingIsCancelledAfterTheTimeoutOnly() throws Exception {
        List<UUID[]> checks = new ArrayList<>();
        RunEffectSinks.CancellingTimeoutChecks recorder = (runId, stateId) -> checks.add(new UUID[] {runId, stateId});
        String run = createRun(Map.of());
        state("/flow_runs/" + run, "RUNNING");
        server.stores().cancellingChecks.attach(recorder);
        try {
            assertThat(state("/flow_runs/" + run, "CANCELLING")).isEqualTo("ACCEPT");
        } finally {
            server.stores().cancellingChecks.attach(null);
        }
        JsonNode cancelling = flowRun(run).get("state");
        UUID runId = UUID.fromString(run);
        UUID stateId = UUID.fromString(cancelling.get("id").asText());
        assertThat(checks).anySatisfy(c -> {
            assertThat(c[0]).isEqualTo(runId);
            assertThat(c[1]).isEqualTo(stateId);
        });

        Duration timeout = Duration.ofSeconds(300);
        assertThat(store.cancelStuckCancelling(Instant.now(), timeout, 200)).isZero();
        assertThat(store.cancelIfStillCancelling(runId, UUID.randomUUID())).isFalse();
        Instant later = Instant.now().plus(timeout).plusSeconds(1);
        race(() -> store.cancelStuckCancelling(later, timeout, 200));

        JsonNode done = flowRun(run);
        assertThat(done.get("state_type").asText()).isEqualTo("CANCELLED");
        assertThat(done.get("state").get("message").asText()).isEqualTo(RunCleanupStore.CANCELLING_TIMED_OUT);
        assertThat(api.get("/flow_run_states/?flow_run_id=" + run).body().findValuesAsText("type"))
                .containsExactly("PENDING", "RUNNING", "CANCELLING", "CANCELLED");
        assertThat(store.cancelIfStillCancelling(runId, stateId)).isFalse();
    }

    @Test
    void theDelayedCheckCancelsOnlyARunStillInThatCancellingState() {
        String stuck = createRun(Map.of());
        state("/flow_runs/" + stuck, "RUNNING");
        state("/flow_runs/" + stuck, "CANCELLING");
        String finished = createRun(Map.of());
        state("/flow_runs/" + finished, "RUNNING");
        state("/flow_runs/" + finished, "CANCELLING");
        UUID finishedCancelling = UUID.fromString(flowRun(finished).get("state").get("id").asText());
        state("/flow_runs/" + finished, "CANCELLED");

        assertThat(store.cancelIfStillCancelling(UUID.fromString(stuck),
                UUID.fromString(flowRun(stuck).get("state").get("id").asText()))).isTrue();
        assertThat(store.cancelIfStillCancelling(UUID.fromString(finished), finishedCancelling)).isFalse();
        assertThat(api.get("/flow_run_states/?flow_run_id=" + finished).body()).hasSize(4);
    }

    @Test
    void expiredPausesAreFailedAndLivePausesKept() throws Exception {
        String expiring = createRun(Map.of());
        state("/flow_runs/" + expiring, "RUNNING");
        Instant timeout = Instant.now().plusSeconds(3600);
        Map<String, Object> paused = Map.of("type", "PAUSED", "name", "Paused", "state_details",
                Map.of("pause_timeout", Json.timestamp(timeout), "pause_key", "k1", "pause_reschedule", false));
        assertThat(propose("/flow_runs/" + expiring, paused).get("status").asText()).isEqualTo("ACCEPT");
        String keeps = createRun(Map.of());
        state("/flow_runs/" + keeps, "RUNNING");
        Map<String, Object> longPause = Map.of("type", "PAUSED", "name", "Paused", "state_details",
                Map.of("pause_timeout", Json.timestamp(timeout.plusSeconds(7200)), "pause_key", "k2"));
        assertThat(propose("/flow_runs/" + keeps, longPause).get("status").asText()).isEqualTo("ACCEPT");

        assertThat(store.failExpiredPauses(Instant.now(), 200)).isZero();
        Instant afterFirst = timeout.plusSeconds(1);
        race(() -> store.failExpiredPauses(afterFirst, 200));

        JsonNode failed = flowRun(expiring);
        assertThat(failed.get("state_type").asText()).isEqualTo("FAILED");
        assertThat(failed.get("state").get("message").asText()).isEqualTo(RunCleanupStore.PAUSE_EXPIRED);
        assertThat(api.get("/flow_run_states/?flow_run_id=" + expiring).body().findValuesAsText("type"))
                .containsExactly("PENDING", "RUNNING", "PAUSED", "FAILED");
        assertThat(flowRun(keeps).get("state_type").asText()).isEqualTo("PAUSED");
    }

    @Test
    void theServicesAreOnlyThoseEnabled() {
        var all = RunServices.enabled(RunServiceSettings.DEFAULTS, store, new RunEffectSinks.CancellingChecksRelay());
        assertThat(all).extracting(PeriodicJob::name).containsExactly("cancellation-cleanup", "pause-expirations");
        var none = RunServices.enabled(RunServiceSettings.from(Map.of(
                "PREFECT_SERVER_SERVICES_CANCELLATION_CLEANUP_ENABLED", "false",
                "PREFECT_API_SERVICES_PAUSE_EXPIRATIONS_ENABLED", "false")), store,
                new RunEffectSinks.CancellingChecksRelay());
        assertThat(none).isEmpty();
        assertThat(RunServiceSettings.DEFAULTS.cancellingTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(RunServiceSettings.DEFAULTS.cancellationCleanupLoop()).isEqualTo(Duration.ofSeconds(20));
        assertThat(RunServiceSettings.DEFAULTS.pauseExpirationsLoop()).isEqualTo(Duration.ofSeconds(5));
    }
}
