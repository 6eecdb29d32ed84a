package io.baton.services;

import io.baton.domain.Times;
import io.baton.storage.SchedulerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Marks runs Late once they are {@code after} past their scheduled start while still exactly "Scheduled"
 * (AwaitingRetry and other SCHEDULED-type states keep their name).
 */
public final class LateRunsService implements PeriodicJob {

    /** Prefect marks at most this many runs per pass. */
    static final int BATCH = 400;

    private final SchedulerStore store;
    private final Duration loop;
    private final Duration after;
    private final Clock clock;

    public LateRunsService(SchedulerStore store, Duration loop, Duration after) {
        this(store, loop, after, Times.CLOCK);
    }

    /** {@code clock} is "now": how late a run is. */
    public LateRunsService(SchedulerStore store, Duration loop, Duration after, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.loop = loop;
        this.after = after;
    }

    @Override
    public String name() {
        return "late-runs";
    }

    @Override
    public Duration interval() {
        return loop;
    }

    @Override
    public void runOnce() {
        while (store.markLateRuns(clock.instant().truncatedTo(ChronoUnit.MICROS), after, BATCH) == BATCH) {
            // a full batch: there may be more overdue runs
        }
    }
}
