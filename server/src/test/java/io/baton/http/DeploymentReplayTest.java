package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.domain.Times;
import io.baton.domain.work.WorkPool;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The deployment, work pool and work queue exchanges of the recordings, replayed on a fresh server. Flow
 * creation is replayed too (deployments reference flows); run creation and worker polling belong to the
 * flow-run API and are left out. Where the recorded server changed readiness through those left-out calls
 * or the worker websocket, the test applies the same bookkeeping through the stores at the point the
 * recording shows it.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentReplayTest {

    @Parameter
    DbKind db;

    private static final String[] PATHS = {"/deployments", "/work_pools", "/work_queues", "/flows/"};

    private static boolean excluded(JsonNode line) {
        String path = Replay.path(line);
        return path.endsWith("/get_scheduled_flow_runs") || path.contains("/create_flow_run");
    }

    @Test
    void cliTourWorkPoolSteps() {
        List<JsonNode> lines = Replay.lines("cli-tour.jsonl");
        // Steps 1-5 (work-pool create/ls/inspect, work-queue create/ls) are lines 1-11.
        Set<String> steps = new HashSet<>();
        lines.subList(0, 11).forEach(l -> steps.add(key(l)));
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run("cli-tour.jsonl", l -> steps.contains(key(l)) && Replay.pathStartsWith(PATHS).test(l));
            assertThat(replay.replayed()).isEqualTo(6);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @Test
    void deployToWorkPool() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run("it-test_deploy.jsonl", l -> Replay.pathStartsWith(PATHS).test(l) && !excluded(l));
            assertThat(replay.replayed()).isGreaterThan(15);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @Test
    void serveAFlow() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            var stores = server.stores();
            Replay replay = new Replay(new ApiClient(server));
            replay.run("it-test_serve_a_flow.jsonl", l -> {
                if (Replay.path(l).equals("/api/deployments/get_scheduled_flow_runs")) {
                    // The runner's poll marks its deployments polled and READY.
                    List<UUID> ids = new java.util.ArrayList<>();
                    l.path("req_body").path("deployment_ids").forEach(id ->
                            ids.add(UUID.fromString(replay.ids().getOrDefault(id.asText(), id.asText()))));
                    stores.workQueues.recordPoll(List.of(), ids, Times.now());
                }
                return Replay.pathStartsWith(PATHS).test(l) && !excluded(l);
            });
            assertThat(replay.replayed()).isGreaterThan(10);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @Test
    void workerPolling() {
        List<JsonNode> lines = Replay.lines("worker-polling.jsonl");
        String firstReadyDeployment = lines.stream()
                .filter(l -> "GET".equals(l.path("method").asText()) && Replay.path(l).startsWith("/api/deployments/")
                        && "READY".equals(l.path("resp_body").path("status").asText()))
                .map(DeploymentReplayTest::key).findFirst().orElseThrow();
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            var stores = server.stores();
            Replay replay = new Replay(new ApiClient(server));
            Predicate<JsonNode> filter = l -> {
                String path = Replay.path(l);
                if (path.equals("/api/work_pools/poll-pool/get_scheduled_flow_runs")) {
                    // The worker heartbeats (over its websocket in the recording) and polls the pool's queues.
                    stores.workers.heartbeat("poll-pool", "ProcessWorker replay", 30, Times.now());
                    WorkPool pool = stores.workPools.read("poll-pool").orElseThrow();
                    stores.workQueues.recordPoll(List.of(pool.defaultQueueId()), List.of(), Times.now());
                }
                if (key(l).equals(firstReadyDeployment)) {
                    // The recorded server marked the polled deployment READY asynchronously, landing here.
                    UUID id = UUID.fromString(replay.ids().get(path.substring("/api/deployments/".length())));
                    stores.workQueues.recordPoll(List.of(), List.of(id), Times.now());
                }
                return Replay.pathStartsWith(PATHS).test(l) && !excluded(l);
            };
            replay.run("worker-polling.jsonl", filter);
            assertThat(replay.replayed()).isGreaterThan(20);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    private static String key(JsonNode line) {
        return line.path("conn").asText() + "@" + line.path("t").asText() + " " + line.path("path").asText();
    }
}
