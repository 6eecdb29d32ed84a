package io.baton.loadtool.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.loadtool.http.Json;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.process.ProcessUsage;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRendererTest {

    private static Report sampleReport() {
        Metrics metrics = new Metrics();
        metrics.setRecording(true);
        for (int i = 1; i <= 100; i++) {
            metrics.recordCall("POST /flow_runs/", "201", i * 1_000_000L, true);
        }
        metrics.recordCall("POST /flow_runs/{id}/set_state", "201", 2_000_000, true);
        metrics.recordCall("POST /flow_runs/{id}/set_state", "500", 3_000_000, false);
        metrics.recordCall("POST /flow_runs/{id}/set_state", "timeout", 30_000_000_000L, false);
        metrics.increment("runs completed", 42);
        metrics.recordValue("task runs visible after last event", 7_000_000);
        Map<String, Double> throughput = new LinkedHashMap<>();
        throughput.put("runs/s", 21.0);
        return Report.from("lifecycle", "http://127.0.0.1:4200/api", 16, 2.0, 1.0, throughput, metrics,
                new ProcessUsage(1234, 2, 512.5, 500.25, 150, 120), List.of("a note"));
    }

    @Test
    void reportAggregatesRoutesAndErrors() {
        Report report = sampleReport();
        assertThat(report.routes()).extracting(RouteReport::route)
                .containsExactly("POST /flow_runs/", "POST /flow_runs/{id}/set_state");
        RouteReport create = report.routes().get(0);
        assertThat(create.calls()).isEqualTo(100);
        assertThat(create.opsPerSecond()).isEqualTo(50.0);
        assertThat(create.latency().p50Ms()).isBetween(50.0, 51.0);
        assertThat(create.latency().maxMs()).isEqualTo(100.0);
        assertThat(report.errorsByStatus()).containsEntry("500", 1L).containsEntry("timeout", 1L).hasSize(2);
        assertThat(report.errorsByRoute().get("POST /flow_runs/{id}/set_state"))
                .containsEntry("500", 1L).containsEntry("timeout", 1L);
        assertThat(report.totalErrors()).isEqualTo(2);
        assertThat(report.counters()).containsEntry("runs completed", 42L);
    }

    @Test
    void textHasTheTableErrorsAndServerLine() {
        String text = ReportRenderer.text(sampleReport());
        assertThat(text).contains("scenario lifecycle", "runs/s 21.0", "runs completed 42");
        assertThat(text).containsPattern("route\\s+calls\\s+ops/s\\s+p50 ms\\s+p95 ms\\s+p99 ms\\s+max ms\\s+errors");
        assertThat(text).containsPattern("POST /flow_runs/\\s+100\\s+50\\.0\\s+");
        assertThat(text).containsPattern("POST /flow_runs/\\{id}/set_state\\s+3\\s+");
        assertThat(text).contains("errors by status:  500 x1  timeout x1");
        assertThat(text).contains("task runs visible after last event");
        assertThat(text).contains("RSS max 512.5 MB avg 500.3 MB", "CPU max 150% avg 120%");
        assertThat(text).contains("note: a note");
    }

    @Test
    void textSaysWhenThereAreNoErrors() {
        Metrics metrics = new Metrics();
        metrics.setRecording(true);
        metrics.recordCall("POST /flows/", "200", 1_000_000, true);
        Report report = Report.from("read", "http://127.0.0.1:4200/api", 1, 1.0, 0, Map.of(), metrics, null, List.of());
        assertThat(ReportRenderer.text(report)).contains("errors: none").doesNotContain("server pid");
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        JsonNode json = Json.MAPPER.readTree(ReportRenderer.json(sampleReport()));
        assertThat(json.get("scenario").asText()).isEqualTo("lifecycle");
        assertThat(json.at("/routes/0/route").asText()).isEqualTo("POST /flow_runs/");
        assertThat(json.at("/routes/0/calls").asLong()).isEqualTo(100);
        assertThat(json.at("/routes/0/latency/p99Ms").asDouble()).isGreaterThan(98);
        assertThat(json.at("/errorsByStatus/500").asLong()).isEqualTo(1);
        assertThat(json.at("/server/rssMaxMb").asDouble()).isEqualTo(512.5);
        assertThat(json.at("/throughput/runs~1s").asDouble()).isEqualTo(21.0);
    }

    @Test
    void warmupSamplesAreNotRecorded() {
        Metrics metrics = new Metrics();
        metrics.recordCall("POST /flows/", "200", 1_000_000, true);
        metrics.increment("runs completed");
        assertThat(metrics.routes()).isEmpty();
        assertThat(metrics.counters()).isEmpty();
    }
}
