package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.app.Stores;
import io.baton.domain.Times;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.schedule.SchedulerSettings;
import io.baton.services.DeploymentScheduler;
import io.baton.storage.jdbc.tables.DeploymentTable;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The full REST traffic of the worker and deployment recordings, replayed on a fresh server each. Where a response
 * depends on work the recorded server did on its own (its scheduler, a worker heartbeat over the websocket this
 * server does not serve, a background task finishing late), the test arranges the same state at the point the
 * recording shows it. Poll bodies name "now" on the recording's clock and are moved to this server's.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class WorkerReplayTest {

    @Parameter
    DbKind db;

    private static String key(JsonNode line) {
        return line.path("conn").asText() + "@" + line.path("t").asText();
    }

    private static JsonNode line(String recording, int number) {
        return Replay.lines(recording).get(number - 1);
    }

    @Test
    void cliTour() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server)).run("cli-tour.jsonl", l -> true);
            assertThat(replay.replayed()).isGreaterThan(90);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @Test
    void deployAndRunFromTheDeployment() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server)).run("it-test_deploy.jsonl", l -> true);
            assertThat(replay.replayed()).isGreaterThan(40);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @Test
    void workerStartsPollsAndStops() {
        String poll = key(line("it-test_worker.jsonl", 31));
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Stores stores = server.stores();
            Replay replay = new Replay(new ApiClient(server)).rewritingBodies(WorkerReplayTest::tenSecondsAhead);
            replay.run("it-test_worker.jsonl", l -> {
                if (key(l).equals(poll)) {
                    // The worker said hello over its websocket; this server has it fall back to REST heartbeats.
                    stores.workers.heartbeat("test-worker-pool", "KubernetesWorker replay", 30, Times.now());
                }
                return true;
            });
            assertThat(replay.replayed()).isGreaterThan(15);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    /**
     * {@code prefect worker start --run-once} against a deployment with a 10 s interval schedule: the recorded
     * server's scheduler had made the runs, and the poll returned the past-due one and the next.
     */
    @Test
    void workerPollsScheduledRunsAndRunsThem() {
        String poll = key(line("worker-polling.jsonl", 35));
        String afterPoll = key(line("worker-polling.jsonl", 36));
        String deploymentReady = key(line("worker-polling.jsonl", 65));
        AtomicReference<Instant> pollBefore = new AtomicReference<>();
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Stores stores = server.stores();
            ApiClient api = new ApiClient(server).unvalidated();
            Replay replay = new Replay(new ApiClient(server)).rewritingBodies(body -> {
                if (body instanceof ObjectNode o && o.has("scheduled_before")) {
                    o.put("scheduled_before", WorkerPollApiTest.PYTHON_STR.format(pollBefore.get()));
                }
                return body;
            });
            replay.run("worker-polling.jsonl", l -> {
                String at = key(l);
                if (at.equals(poll)) {
                    // The scheduler made the runs seconds before the worker came; two are due by the poll.
                    Instant then = Times.now().minusSeconds(25);
                    new DeploymentScheduler(stores.deployments, stores.scheduler, SchedulerSettings.DEFAULTS, 100, 500)
                            .schedule(then, null);
                    JsonNode due = api.post("/flow_runs/filter", Map.of("sort", "NEXT_SCHEDULED_START_TIME_ASC",
                            "limit", 2)).expect(200).body();
                    pollBefore.set(Times.parse(due.get(1).get("next_scheduled_start_time").asText()));
                    stores.workers.heartbeat("poll-pool", "ProcessWorker replay", 30, Times.now());
                }
                if (at.equals(afterPoll)) {
                    // The recorded server marked the deployment ready in a background task that finished only
                    // after the worker's next reads of it (lines 36-47).
                    stores.db.writeVoid(dsl -> dsl.update(DeploymentTable.DEPLOYMENT.table())
                            .set(DeploymentTable.DEPLOYMENT.STATUS, "NOT_READY")
                            .setNull(DeploymentTable.DEPLOYMENT.LAST_POLLED).execute());
                }
                if (at.equals(deploymentReady)) {
                    List<UUID> ids = stores.deployments.filter(io.baton.domain.filter.Query.all(
                            io.baton.domain.filter.Criterion.EVERYTHING)).stream().map(Deployment::id).toList();
                    stores.workQueues.recordPoll(List.of(), ids, Times.now());
                }
                return true;
            });
            assertThat(replay.replayed()).isGreaterThan(70);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    static JsonNode tenSecondsAhead(JsonNode body) {
        if (body instanceof ObjectNode o && o.has("scheduled_before")) {
            o.put("scheduled_before", WorkerPollApiTest.PYTHON_STR.format(Times.now().plusSeconds(10)));
        }
        return body;
    }
}
