package io.baton.loadtool.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Latency and outcome counts of one route template. */
public final class RouteStats {
    private final LatencyHistogram latency = new LatencyHistogram();
    private final ConcurrentHashMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> errorOutcomes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    void record(String outcome, long nanos, boolean success) {
        latency.record(nanos);
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        if (!success) {
            errors.increment();
            errorOutcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    public LatencyHistogram latency() {
        return latency;
    }

    public long calls() {
        return latency.count();
    }

    public long errors() {
        return errors.sum();
    }

    /** Count per outcome: an HTTP status code, or {@code timeout} / {@code io} when no response came. */
    public Map<String, Long> outcomes() {
        return snapshot(outcomes);
    }

    /** The failing subset of {@link #outcomes()}. */
    public Map<String, Long> errorOutcomes() {
        return snapshot(errorOutcomes);
    }

    private static Map<String, Long> snapshot(ConcurrentHashMap<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
