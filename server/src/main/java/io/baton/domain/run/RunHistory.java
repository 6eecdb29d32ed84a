package io.baton.domain.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run counts by state per time bucket ({@code HistoryResponse}): runs fall into the bucket containing their
 * expected start time; each bucket lists its state type/name pairs with run counts and summed estimates.
 */
public final class RunHistory {

    private RunHistory() {}

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** More buckets than any chart draws; bounds the work of one request. */
    public static final int MAX_BUCKETS = 10_000;

    public record Sample(String stateType, String stateName, Instant expectedStartTime, Duration estimatedRunTime,
                         Duration estimatedLateness) {}

    public record StateCount(String stateType, String stateName, long countRuns, Duration sumEstimatedRunTime,
                             Duration sumEstimatedLateness) {}

    public record Bucket(Instant intervalStart, Instant intervalEnd, List<StateCount> states) {}

    public static List<Bucket> buckets(Instant start, Instant end, Duration interval, List<Sample> samples) {
        List<Instant> starts = new ArrayList<>();
        for (Instant t = start; t.isBefore(end) && starts.size() < MAX_BUCKETS; t = t.plus(interval)) {
            starts.add(t);
        }
        List<Map<String, long[]>> counts = new ArrayList<>();
        List<Map<String, Duration[]>> sums = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            counts.add(new TreeMap<>());
            sums.add(new TreeMap<>());
        }
        for (Sample s : samples) {
            if (s.expectedStartTime() == null || s.expectedStartTime().isBefore(start)) {
                continue;
            }
            long index = Duration.between(start, s.expectedStartTime()).toNanos() / interval.toNanos();
            if (index >= starts.size()) {
                continue;
            }
            String key = s.stateType() + "\u0000" + s.stateName();
            counts.get((int) index).computeIfAbsent(key, k -> new long[1])[0]++;
            Duration[] d = sums.get((int) index).computeIfAbsent(key, k -> new Duration[] {Duration.ZERO, Duration.ZERO});
            d[0] = d[0].plus(s.estimatedRunTime());
            d[1] = d[1].plus(s.estimatedLateness());
        }
        List<Bucket> out = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            List<StateCount> states = new ArrayList<>();
            for (Map.Entry<String, long[]> e : counts.get(i).entrySet()) {
                String[] parts = e.getKey().split("\u0000", 2);
                Duration[] d = sums.get(i).get(e.getKey());
                states.add(new StateCount(parts[0], parts[1], e.getValue()[0], d[0], d[1]));
            }
            states.sort(Comparator.comparing(StateCount::stateType).thenComparing(StateCount::stateName));
            out.add(new Bucket(starts.get(i), starts.get(i).plus(interval), states));
        }
        return out;
    }
}
