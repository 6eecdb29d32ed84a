package io.baton.domain.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/** Prefect's rule for when a schedule needs runs and which run times one scheduler pass creates. */
public final class RunGenerationPolicy {

    private RunGenerationPolicy() {
    }

    /**
     * Whether an active schedule of a non-paused deployment is due for generation. Only that
     * schedule's future auto-scheduled runs count (auto_scheduled, state type SCHEDULED, next
     * scheduled start at or after {@code now}, {@code created_by.id} = the schedule's id).
     *
     * @param futureRuns       how many such runs exist
     * @param latestFutureRun  the latest of their start times, {@code null} when there are none
     */
    public static boolean needsRuns(long futureRuns, Instant latestFutureRun, Instant now, SchedulerSettings settings) {
        if (futureRuns < settings.minRuns() || latestFutureRun == null) {
            return true;
        }
        return latestFutureRun.isBefore(now.plus(settings.minScheduledTime()));
    }

    /**
     * The run times one pass generates for a schedule: from {@code now} up to
     * {@code now + maxScheduledTime}, at most {@code maxRuns}, stopping at the first date that
     * makes both minimums hold (at least {@code minRuns} dates, and that date at or after
     * {@code now + minScheduledTime}). Runs that already exist are not subtracted: inserts are
     * idempotent on the run's idempotency key. The schedule's {@code max_scheduled_runs} plays no
     * part here, as in Prefect.
     */
    public static List<ZonedDateTime> runTimes(Schedule schedule, Instant now, SchedulerSettings settings) {
        Instant end = now.plus(settings.maxScheduledTime());
        Instant minimumHorizon = now.plus(settings.minScheduledTime());
        List<ZonedDateTime> candidates = schedule.localDates(settings.maxRuns(), now, end);
        for (int i = 0; i < candidates.size(); i++) {
            if (i + 1 >= settings.minRuns() && !candidates.get(i).toInstant().isBefore(minimumHorizon)) {
                return List.copyOf(candidates.subList(0, i + 1));
            }
        }
        return candidates;
    }
}
