package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.loadtool.Main;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.Json;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.report.Report;
import io.baton.loadtool.report.RouteReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the lifecycle loop against an in-process fake for a number of iterations, with a deadline far beyond what
 * they need: checks counting, not speed, so a slow machine cannot fail it.
 */
class LifecycleScenarioTest {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Test
    void loopRunsAndCountsErrorsByStatusAndRoute() throws Exception {
        try (FakePrefectServer server = new FakePrefectServer(4)) {
            RunContext context = new RunContext(
                    new ApiClient(URI.create(server.baseUrl()), Duration.ofSeconds(5), new Metrics()), 4, Duration.ofSeconds(5));
            Report report = new LoadRun(new LifecycleScenario("fake-flow"), context, Duration.ofMillis(200),
                    DEADLINE, OptionalLong.empty()).endAfterIterations(40).run();
            context.api().close();

            assertThat(report.routes()).extracting(RouteReport::route).contains(
                    "POST /flow_runs/", "POST /flow_runs/{id}/set_state");
            assertThat(report.counters().get(LifecycleScenario.RUNS_COMPLETED)).isPositive();
            assertThat(report.throughput().get("runs/s")).isPositive();
            assertThat(report.errorsByStatus()).containsOnlyKeys("500");
            assertThat(report.errorsByRoute()).containsOnlyKeys("POST /flow_runs/{id}/set_state");
            long setStateCalls = report.routes().stream()
                    .filter(r -> r.route().equals("POST /flow_runs/{id}/set_state"))
                    .mapToLong(RouteReport::calls).sum();
            long creates = report.routes().stream()
                    .filter(r -> r.route().equals("POST /flow_runs/")).mapToLong(RouteReport::calls).sum();
            // Two transitions per created run, give or take the runs cut off at the window's edges.
            assertThat(setStateCalls).isBetween(2 * creates - 8, 2 * creates + 8);
            assertThat(report.measuredSeconds()).isPositive().isLessThan(DEADLINE.toSeconds());
        }
    }

    @Test
    void commandLineRunWritesJson(@TempDir Path dir) throws Exception {
        try (FakePrefectServer server = new FakePrefectServer(1_000_000)) {
            Path json = dir.resolve("out.json");
            int exit = Main.commandLine().execute("lifecycle", "--url", server.baseUrl(), "--clients", "2",
                    "--duration", "2m", "--iterations", "5", "--warmup", "0s", "--json", json.toString());
            assertThat(exit).isZero();
            JsonNode report = Json.MAPPER.readTree(json.toFile());
            assertThat(report.get("scenario").asText()).isEqualTo("lifecycle");
            assertThat(report.at("/counters/runs completed").asLong()).isPositive();
            assertThat(report.get("errorsByStatus").isEmpty()).isTrue();
        }
    }

    @Test
    void unreachableServerIsCountedNotFatal() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RunContext context = new RunContext(new ApiClient(URI.create("http://127.0.0.1:" + port + "/api"),
                Duration.ofSeconds(2), new Metrics()), 2, Duration.ofSeconds(2));
        Report report = new LoadRun(new LifecycleScenario("fake-flow"), context, Duration.ZERO,
                DEADLINE, OptionalLong.empty()).endAfterIterations(3).run();
        context.api().close();
        assertThat(report.errorsByStatus()).containsKey("io");
        assertThat(report.errorsByRoute()).containsKey("POST /flows/");
        assertThat(report.counters()).doesNotContainKey(LifecycleScenario.RUNS_COMPLETED);
    }
}
