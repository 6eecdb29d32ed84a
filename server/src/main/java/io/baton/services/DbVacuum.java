package io.baton.services;

import io.baton.storage.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prefect's {@code db_vacuum}: deletes events past their retention (per-type overrides first, then every type past
 * the events' retention) and, when enabled, terminal top-level flow runs past theirs with everything that hangs
 * off them; then, on SQLite, gives the freed pages back to the file system. Works in bounded batches, each its own
 * transaction, until a batch finds nothing (subflows of deleted runs become top-level and are found by the next
 * batch); replicas split batches ({@link RetentionStore}).
 */
public final class DbVacuum implements PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(DbVacuum.class);
    /** Pages (4 KiB) given back per write transaction, so the SQLite writer is never held long. */
    static final int RECLAIM_PAGES = 2_048;

    private final RetentionStore store;
    private final DbVacuumSettings settings;
    private final Clock clock;

    public DbVacuum(RetentionStore store, DbVacuumSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "db-vacuum";
    }

    @Override
    public Duration interval() {
        return settings.loop();
    }

    @Override
    public void runOnce() {
        Instant now = clock.instant();
        long events = 0;
        long runs = 0;
        if (settings.eventsEnabled()) {
            for (Map.Entry<String, Duration> override : settings.eventRetentionOverrides().entrySet()) {
                Instant cutoff = now.minus(settings.retentionOf(override.getKey()));
                events += drain(() -> store.deleteEvents(cutoff, Set.of(override.getKey()), settings.eventsBatchSize()));
            }
            // Overrides are capped by the global retention, so this pass never removes a young overridden event.
            Instant cutoff = now.minus(settings.eventsRetention());
            events += drain(() -> store.deleteEvents(cutoff, List.of(), settings.eventsBatchSize()));
        }
        if (settings.flowRunsEnabled()) {
            Instant cutoff = now.minus(settings.flowRunRetention());
            runs = drain(() -> store.deleteFlowRuns(cutoff, settings.batchSize()));
        }
        if (events + runs > 0) {
            long pages = 0;
            int freed;
            while (!Thread.currentThread().isInterrupted() && (freed = store.reclaimSpace(RECLAIM_PAGES)) > 0) {
                pages += freed;
            }
            log.info("db_vacuum deleted {} events and {} flow runs; gave back {} free pages", events, runs, pages);
        }
    }

    private static long drain(java.util.function.IntSupplier batch) {
        long total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted > 0 && !Thread.currentThread().isInterrupted());
        return total;
    }
}
