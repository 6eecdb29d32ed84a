package io.baton.loadtool.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a run measures. Samples are only kept while {@link #recording()} is on, so warm-up traffic
 * and setup calls run through the same code without polluting the report.
 */
public final class Metrics {
    private final ConcurrentHashMap<String, RouteStats> routes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LatencyHistogram> distributions = new ConcurrentHashMap<>();
    private volatile boolean recording;

    public boolean recording() {
        return recording;
    }

    public void setRecording(boolean recording) {
        this.recording = recording;
    }

    /**
     * @param route   {@code METHOD /template}
     * @param outcome status code as text, or {@code timeout} / {@code io}
     */
    public void recordCall(String route, String outcome, long nanos, boolean success) {
        if (recording) {
            routes.computeIfAbsent(route, k -> new RouteStats()).record(outcome, nanos, success);
        }
    }

    public void increment(String counter, long amount) {
        if (recording) {
            counters.computeIfAbsent(counter, k -> new LongAdder()).add(amount);
        }
    }

    /** Counts regardless of the recording switch, for scenarios that decide themselves what belongs to the window. */
    public void incrementAlways(String counter, long amount) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(amount);
    }

    public void increment(String counter) {
        increment(counter, 1);
    }

    /**
     * Records a value into a named distribution that is not a route (for example event visibility). Not gated
     * by the recording switch: such measures end after the window, so the scenario decides what counts.
     */
    public void recordValue(String distribution, long nanos) {
        distributions.computeIfAbsent(distribution, k -> new LatencyHistogram()).record(nanos);
    }

    public Map<String, RouteStats> routes() {
        return new TreeMap<>(routes);
    }

    public Map<String, Long> counters() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long counter(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, LatencyHistogram> distributions() {
        return new TreeMap<>(distributions);
    }

    public long totalCalls() {
        return routes.values().stream().mapToLong(RouteStats::calls).sum();
    }
}
