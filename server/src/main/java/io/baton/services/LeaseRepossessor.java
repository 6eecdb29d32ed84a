package io.baton.services;

import io.baton.storage.LeaseStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the slots of concurrency leases whose holders stopped renewing them (crashed task, lost worker) and
 * deletes those leases ({@code services.repossessor}, every 15 s).
 *
 * <p>Safe with several replicas: each batch runs in one transaction that locks the expired lease rows with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (replicas split the work) and frees a lease's slots only when its
 * own DELETE removed the row (so a lease released concurrently by its holder, or by another replica, is never
 * freed twice). On SQLite the single writer serialises passes.
 */
public final class LeaseRepossessor implements PeriodicJob {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(LeaseRepossessor.class);

    private final LeaseStore leases;
    private final Duration interval;

    public LeaseRepossessor(LeaseStore leases) {
        this(leases, DEFAULT_INTERVAL);
    }

    public LeaseRepossessor(LeaseStore leases, Duration interval) {
        this.leases = leases;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "repossessor";
    }

    /** One pass: repossesses expired leases in batches until none is left. */
    public int repossess() {
        int total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int freed = leases.repossessExpired(BATCH);
            total += freed;
            if (freed < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("Repossessed {} expired concurrency lease(s)", total);
        }
        return total;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void runOnce() {
        repossess();
    }
}
