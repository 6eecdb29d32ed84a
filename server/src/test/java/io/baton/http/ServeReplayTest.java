package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.app.Stores;
import io.baton.domain.Times;
import io.baton.domain.schedule.SchedulerSettings;
import io.baton.services.DeploymentScheduler;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.SettableClock;
import io.baton.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code flow.serve(interval=3)} for about 20 s, replayed in full (HTTP and websockets) on a server whose clock
 * follows the recording: before each line it reads the recorded server's time at that line. The client's times
 * (the schedule's anchor, each poll's {@code scheduled_before}) then mean on this server what they meant on the
 * recorded one, so the runner's early RUNNING proposals get the same WAIT answers and the on-time ones are accepted.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class ServeReplayTest {

    private static final String RECORDING = "it-test_serve_a_flow.jsonl";

    @Parameter
    DbKind db;

    @Test
    void serveAFlowRunsTheScheduledRunsWithTheRecordedAnswers() {
        List<JsonNode> lines = Replay.lines(RECORDING);
        Instant recordedClockAtZero = recordedClockAtZero(lines);
        Instant schedulerPass = schedulerPass(lines);
        SettableClock clock = new SettableClock(recordedClockAtZero);
        try (BatonServer server = TestServers.fresh(db, settings -> settings.withClock(clock))) {
            Stores stores = server.stores();
            DeploymentScheduler scheduler = new DeploymentScheduler(stores.deployments, stores.scheduler,
                    SchedulerSettings.DEFAULTS, 100, 500, clock);
            boolean[] scheduled = {false};
            Replay replay = new Replay(new ApiClient(server)).withSockets(server);
            replay.runTraffic(RECORDING, line -> {
                Instant at = recordedClockAtZero.plus(seconds(line.path("t").asDouble()));
                if (!scheduled[0] && !at.isBefore(schedulerPass)) {
                    // The recorded server's scheduler made the deployment's interval runs here, between two polls.
                    clock.set(schedulerPass);
                    assertThat(scheduler.schedule(clock.instant(), null)).isPositive();
                    scheduled[0] = true;
                }
                clock.set(at);
                return true;
            });
            assertThat(replay.mismatches()).isEmpty();
            assertThat(replay.replayed()).isEqualTo(lines.stream().filter(l -> "http".equals(l.path("kind").asText())).count());
            assertThat(replay.framesSent()).isPositive();

            List<String> completed = completedInRecording(lines);
            assertThat(completed).hasSize(8);
            ApiClient api = new ApiClient(server);
            for (String recordedId : completed) {
                String id = replay.ids().get(recordedId);
                assertThat(id).as("flow run paired with %s", recordedId).isNotNull();
                JsonNode run = api.get("/flow_runs/" + id).expect(200).body();
                assertThat(run.path("state_type").asText()).isEqualTo("COMPLETED");
                assertThat(run.path("run_count").asInt()).isEqualTo(1);
            }
        }
    }

    /**
     * The recorded server's clock when the proxy's {@code t} was 0: the flow it created on line 3 was stamped just
     * before the proxy saw the answer.
     */
    private static Instant recordedClockAtZero(List<JsonNode> lines) {
        JsonNode flowCreate = lines.get(2);
        assertThat(flowCreate.path("path").asText()).isEqualTo("/api/flows/");
        return Times.parse(flowCreate.path("resp_body").path("created").asText())
                .minus(seconds(flowCreate.path("t").asDouble()));
    }

    /** When the recorded scheduler ran: the creation time of the first scheduled runs a poll returned. */
    private static Instant schedulerPass(List<JsonNode> lines) {
        return lines.stream()
                .filter(l -> Replay.path(l).equals("/api/deployments/get_scheduled_flow_runs"))
                .map(l -> l.path("resp_body"))
                .filter(body -> !body.isEmpty())
                .map(body -> Times.parse(body.get(0).path("created").asText()))
                .findFirst().orElseThrow();
    }

    private static List<String> completedInRecording(List<JsonNode> lines) {
        List<String> ids = new ArrayList<>();
        for (JsonNode l : lines) {
            if (Replay.path(l).endsWith("/set_state") && "COMPLETED".equals(l.path("req_body").path("state").path("type").asText())
                    && "ACCEPT".equals(l.path("resp_body").path("status").asText())) {
                ids.add(Replay.path(l).split("/")[3]);
            }
        }
        return ids;
    }

    private static Duration seconds(double t) {
        return Duration.ofNanos(Math.round(t * 1_000_000) * 1_000);
    }
}
