package io.baton.services;

import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import java.util.ArrayList;
import java.util.List;

/** The run services enabled by the settings: cancellation cleanup (with its timeout checks) and pause expirations. */
public final class RunServices {

    private RunServices() {}

    public static List<BackgroundService> enabled(RunServiceSettings settings, RunCleanupStore store,
                                                  RunEffectSinks.CancellingChecksRelay cancellingChecks) {
        List<BackgroundService> out = new ArrayList<>();
        if (settings.cancellationCleanupEnabled()) {
            CancellingTimeouts timeouts = new CancellingTimeouts(store, settings.cancellingTimeout());
            CancellationCleanup cleanup = new CancellationCleanup(store, settings.cancellationCleanupLoop(),
                    settings.cancellingTimeout());
            PeriodicService periodic = new PeriodicService(cleanup.name(), cleanup.interval(), cleanup::runOnce);
            out.add(new BackgroundService() {
                public String name() {
                    return cleanup.name();
                }

                public void start() {
                    cancellingChecks.attach(timeouts);
                    periodic.start();
                }

                public void close() {
                    cancellingChecks.attach(null);
                    periodic.close();
                    timeouts.close();
                }
            });
        }
        if (settings.pauseExpirationsEnabled()) {
            PauseExpirations pauses = new PauseExpirations(store, settings.pauseExpirationsLoop());
            out.add(new PeriodicService(pauses.name(), pauses.interval(), pauses::runOnce));
        }
        return out;
    }
}
