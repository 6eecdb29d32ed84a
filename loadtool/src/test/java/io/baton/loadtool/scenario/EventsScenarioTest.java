package io.baton.loadtool.scenario;

import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.report.Report;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The events loop against a loopback fake: handshake, checkpoints and visibility checks work together. */
class EventsScenarioTest {

    @Test
    void streamsEventsAndSeesTaskRunsBecomeVisible() throws Exception {
        try (FakeEventsServer server = new FakeEventsServer()) {
            RunContext context = new RunContext(
                    new ApiClient(URI.create(server.baseUrl()), Duration.ofSeconds(5), new Metrics()), 2, Duration.ofSeconds(5));
            // 4 tasks = 12 events per flow run, checkpoint every 5: pings inside and at the end of each run.
            Scenario scenario = new EventsScenario(4, 5, false, Duration.ofSeconds(5), Duration.ofMillis(10));
            // Count-based: ends after 4 flow runs; the two minutes are a deadline, not the expected length.
            Report report = new LoadRun(scenario, context, Duration.ZERO, Duration.ofMinutes(2), OptionalLong.empty())
                    .endAfterIterations(4).run();
            context.api().close();

            assertThat(report.counters().get(EventsScenario.EVENTS_ACCEPTED)).isPositive();
            assertThat(report.throughput().get("events/s accepted")).isPositive();
            assertThat(report.distributions()).containsKey(VisibilityChecks.VISIBILITY);
            assertThat(report.distributions().get(VisibilityChecks.VISIBILITY).count()).isPositive();
            assertThat(report.counters()).doesNotContainKey(VisibilityChecks.NOT_VISIBLE);
            assertThat(report.routes()).extracting(r -> r.route())
                    .contains("WS /events/in connect", "WS /events/in checkpoint", "POST /task_runs/filter");
            assertThat(report.errorsByStatus()).isEmpty();
            assertThat(server.pings.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
