package io.baton.loadtool.report;

import io.baton.loadtool.metrics.LatencyHistogram;

/** Percentiles of one histogram in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static LatencySummary of(LatencyHistogram histogram) {
        return new LatencySummary(
                histogram.count(),
                histogram.mean() / 1e6,
                histogram.valueAtPercentile(50) / 1e6,
                histogram.valueAtPercentile(95) / 1e6,
                histogram.valueAtPercentile(99) / 1e6,
                histogram.max() / 1e6);
    }
}
