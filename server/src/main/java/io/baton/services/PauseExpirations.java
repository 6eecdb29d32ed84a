package io.baton.services;

import io.baton.domain.Times;
import io.baton.storage.RunCleanupStore;
import java.time.Duration;

/** {@code services.pause_expirations}: paused runs whose pause timed out are failed. Replica-safe through the store. */
public final class PauseExpirations implements PeriodicJob {

    static final int BATCH = 200;

    private final RunCleanupStore store;
    private final Duration loop;

    public PauseExpirations(RunCleanupStore store, Duration loop) {
        this.store = store;
        this.loop = loop;
    }

    @Override
    public String name() {
        return "pause-expirations";
    }

    @Override
    public Duration interval() {
        return loop;
    }

    @Override
    public void runOnce() {
        while (store.failExpiredPauses(Times.now(), BATCH) == BATCH) {
            // a full batch: there may be more expired pauses
        }
    }
}
