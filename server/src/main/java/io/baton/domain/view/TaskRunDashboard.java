package io.baton.domain.view;

import io.baton.domain.state.StateType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's task-run chart: the window from the start of {@code after}'s minute to the end of
 * {@code before}'s minute (now when open) cut into 20 equal buckets, each counting the terminal task runs that
 * started in it as failed (FAILED, CRASHED) or completed (any other terminal type).
 */
public final class TaskRunDashboard {

    private TaskRunDashboard() {}

    public static final int BUCKETS = 20;

    public record Sample(Instant startTime, StateType stateType) {}

    public record Bucket(long completed, long failed) {}

    public static Instant windowStart(Instant after) {
        return after.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Instant windowEnd(Instant before, Instant now) {
        Instant end = before == null ? now : before;
        return end.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).minusNanos(1000);
    }

    public static List<Bucket> buckets(Instant start, Instant end, List<Sample> samples) {
        long[] completed = new long[BUCKETS];
        long[] failed = new long[BUCKETS];
        double width = Duration.between(start, end).toNanos() / (double) BUCKETS;
        for (Sample s : samples) {
            if (s.startTime() == null || width <= 0) {
                continue;
            }
            int index = (int) Math.floor(Duration.between(start, s.startTime()).toNanos() / width);
            if (index < 0 || index >= BUCKETS) {
                continue;
            }
            if (s.stateType() == StateType.FAILED || s.stateType() == StateType.CRASHED) {
                failed[index]++;
            } else {
                completed[index]++;
            }
        }
        List<Bucket> out = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            out.add(new Bucket(completed[i], failed[i]));
        }
        return out;
    }
}
