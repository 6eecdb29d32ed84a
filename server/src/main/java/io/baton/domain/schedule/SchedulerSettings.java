package io.baton.domain.schedule;

import java.time.Duration;

/**
 * The scheduler's run-generation limits ({@code PREFECT_SERVER_SERVICES_SCHEDULER_*}).
 *
 * @param minRuns          {@code MIN_RUNS}: a schedule wants at least this many future runs
 * @param maxRuns          {@code MAX_RUNS}: never generate more than this many per pass
 * @param minScheduledTime {@code MIN_SCHEDULED_TIME}: future runs should reach at least this far ahead
 * @param maxScheduledTime {@code MAX_SCHEDULED_TIME}: never schedule further ahead than this
 */
public record SchedulerSettings(int minRuns, int maxRuns, Duration minScheduledTime, Duration maxScheduledTime) {

    public static final SchedulerSettings DEFAULTS =
            new SchedulerSettings(3, 100, Duration.ofHours(1), Duration.ofDays(100));

    public SchedulerSettings {
        if (minRuns < 0 || maxRuns < 1) {
            throw new IllegalArgumentException("minRuns must be >= 0 and maxRuns >= 1");
        }
    }
}
