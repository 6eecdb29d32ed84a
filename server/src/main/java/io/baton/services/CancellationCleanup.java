package io.baton.services;

import io.baton.domain.Times;
import io.baton.storage.RunCleanupStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code services.cancellation_cleanup}: task runs of cancelled flow runs are cancelled, subflows whose parent
 * flow run was cancelled are cancelled (or asked to cancel when a deployment's infrastructure runs them), and
 * runs stuck in CANCELLING past the timeout are cancelled. Replica-safe through {@link RunCleanupStore}.
 */
public final class CancellationCleanup implements PeriodicJob {

    /** Prefect's batch sizes: flow runs per pass, task runs per flow run. */
    static final int RUN_BATCH = 200;
    static final int TASK_BATCH = 100;
    /** Only flow runs cancelled within this window are looked at for leftover task runs. */
    static final Duration RECENT = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(CancellationCleanup.class);

    private final RunCleanupStore store;
    private final Duration loop;
    private final Duration cancellingTimeout;

    public CancellationCleanup(RunCleanupStore store, Duration loop, Duration cancellingTimeout) {
        this.store = store;
        this.loop = loop;
        this.cancellingTimeout = cancellingTimeout;
    }

    @Override
    public String name() {
        return "cancellation-cleanup";
    }

    @Override
    public Duration interval() {
        return loop;
    }

    @Override
    public void runOnce() {
        var now = Times.now();
        int tasks = store.cancelChildTaskRuns(now.minus(RECENT), RUN_BATCH, TASK_BATCH);
        int subflows = store.cancelOrphanedSubflows(RUN_BATCH);
        int stuck = store.cancelStuckCancelling(now, cancellingTimeout, RUN_BATCH);
        if (tasks + subflows + stuck > 0) {
            log.info("Cancellation cleanup: {} task run(s), {} subflow run(s), {} timed-out cancellation(s)", tasks,
                    subflows, stuck);
        }
    }
}
