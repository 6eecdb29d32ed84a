package io.baton.services;

import io.baton.domain.Times;
import io.baton.storage.SchedulerStore;
import java.time.Duration;

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

    public LateRunsService(SchedulerStore store, Duration loop, Duration after) {
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
        while (store.markLateRuns(Times.now(), after, BATCH) == BATCH) {
            // a full batch: there may be more overdue runs
        }
    }
}
