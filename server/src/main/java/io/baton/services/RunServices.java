package io.baton.services;

import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The run services enabled by the settings: cancellation cleanup (with its timeout checks) and pause expirations. */
public final class RunServices {

    private RunServices() {}

    public static List<PeriodicJob> enabled(RunServiceSettings settings, RunCleanupStore store,
                                            RunEffectSinks.CancellingChecksRelay cancellingChecks) {
        List<PeriodicJob> out = new ArrayList<>();
        if (settings.cancellationCleanupEnabled()) {
            CancellingTimeouts timeouts = new CancellingTimeouts(store, settings.cancellingTimeout());
            cancellingChecks.attach(timeouts);
            CancellationCleanup cleanup = new CancellationCleanup(store, settings.cancellationCleanupLoop(),
                    settings.cancellingTimeout());
            out.add(new WithTeardown(cleanup, () -> {
                cancellingChecks.attach(null);
                timeouts.close();
            }));
        }
        if (settings.pauseExpirationsEnabled()) {
            out.add(new PauseExpirations(store, settings.pauseExpirationsLoop()));
        }
        return out;
    }

    /** A job that owns other resources (the timeout checks), released when the runner stops. */
    private record WithTeardown(PeriodicJob job, Runnable teardown) implements PeriodicJob, AutoCloseable {
        @Override
        public String name() {
            return job.name();
        }

        @Override
        public Duration interval() {
            return job.interval();
        }

        @Override
        public void runOnce() {
            job.runOnce();
        }

        @Override
        public void close() {
            teardown.run();
        }
    }
}
