package io.baton.services;

import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delayed check scheduled when a CANCELLING state is accepted: after the timeout, the run is cancelled if it is
 * still in that same CANCELLING state. The checks live in memory; a restart or another replica loses nothing because
 * {@link CancellationCleanup} also scans for runs cancelling for longer than the timeout.
 */
public final class CancellingTimeouts implements RunEffectSinks.CancellingTimeoutChecks, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CancellingTimeouts.class);

    private final RunCleanupStore store;
    private final Duration timeout;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-cancelling-timeouts");
        t.setDaemon(true);
        return t;
    });

    public CancellingTimeouts(RunCleanupStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public void schedule(UUID flowRunId, UUID cancellingStateId) {
        if (executor.isShutdown()) {
            return;
        }
        executor.schedule(() -> check(flowRunId, cancellingStateId), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check(UUID flowRunId, UUID cancellingStateId) {
        try {
            if (store.cancelIfStillCancelling(flowRunId, cancellingStateId)) {
                log.info("Flow run {} did not finish cancelling within {} s; marked it Cancelled", flowRunId,
                        timeout.toSeconds());
            }
        } catch (RuntimeException e) {
            log.warn("Cancelling-timeout check of flow run {} failed; the periodic scan retries it", flowRunId, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
