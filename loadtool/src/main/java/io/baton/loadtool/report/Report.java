package io.baton.loadtool.report;

import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.metrics.RouteStats;
import io.baton.loadtool.process.ProcessUsage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one run, rendered as a table by {@link ReportRenderer} and written as JSON as is.
 *
 * @param throughput    headline rates of the scenario, for example {@code runs/s} and {@code calls/s}
 * @param counters      scenario counts over the measured window
 * @param distributions latency-like measures that are not a single call, for example event visibility
 * @param errorsByRoute per route, the count of each failing outcome
 * @param server        null unless a server pid was given or found
 */
public record Report(String scenario, String url, int clients, double measuredSeconds, double warmupSeconds,
                     Map<String, Double> throughput, Map<String, Long> counters, List<RouteReport> routes,
                     Map<String, LatencySummary> distributions, Map<String, Long> errorsByStatus,
                     Map<String, Map<String, Long>> errorsByRoute, ProcessUsage server, List<String> notes) {

    public static Report from(String scenario, String url, int clients, double measuredSeconds,
                              double warmupSeconds, Map<String, Double> throughput, Metrics metrics,
                              ProcessUsage server, List<String> notes) {
        double seconds = Math.max(measuredSeconds, 1e-9);
        List<RouteReport> routes = new ArrayList<>();
        Map<String, Long> errorsByStatus = new TreeMap<>();
        Map<String, Map<String, Long>> errorsByRoute = new TreeMap<>();
        for (Map.Entry<String, RouteStats> entry : metrics.routes().entrySet()) {
            RouteStats stats = entry.getValue();
            routes.add(new RouteReport(entry.getKey(), stats.calls(), stats.calls() / seconds,
                    LatencySummary.of(stats.latency()), stats.errors(), stats.outcomes()));
            for (Map.Entry<String, Long> outcome : stats.errorOutcomes().entrySet()) {
                errorsByStatus.merge(outcome.getKey(), outcome.getValue(), Long::sum);
                errorsByRoute.computeIfAbsent(entry.getKey(), k -> new TreeMap<>())
                        .put(outcome.getKey(), outcome.getValue());
            }
        }
        Map<String, LatencySummary> distributions = new LinkedHashMap<>();
        metrics.distributions().forEach((name, histogram) -> distributions.put(name, LatencySummary.of(histogram)));
        return new Report(scenario, url, clients, measuredSeconds, warmupSeconds, new LinkedHashMap<>(throughput),
                metrics.counters(), routes, distributions, errorsByStatus, errorsByRoute, server, List.copyOf(notes));
    }

    public long totalErrors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
