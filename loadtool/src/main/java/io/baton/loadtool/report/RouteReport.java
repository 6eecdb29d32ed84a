package io.baton.loadtool.report;

import java.util.Map;

/** One route template: throughput, latency and outcome counts (status code, {@code timeout} or {@code io}). */
public record RouteReport(String route, long calls, double opsPerSecond, LatencySummary latency,
                          long errors, Map<String, Long> outcomes) {
}
