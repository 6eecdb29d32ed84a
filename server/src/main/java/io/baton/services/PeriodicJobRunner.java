package io.baton.services;

import io.baton.storage.StorageUnavailableException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background services on daemon threads, each pass starting one interval after the previous one
 * ended. Every job must be safe with several Baton replicas on one PostgreSQL: work is claimed through row
 * locks or conditional statements, never by assuming this is the only instance.
 */
public final class PeriodicJobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobRunner.class);

    private final ScheduledExecutorService executor;
    private final List<PeriodicJob> jobs;

    private PeriodicJobRunner(List<PeriodicJob> services) {
        this.jobs = List.copyOf(services);
        this.executor = Executors.newScheduledThreadPool(Math.max(1, Math.min(2, services.size())), r -> {
            Thread t = new Thread(r, "baton-services");
            t.setDaemon(true);
            return t;
        });
        for (PeriodicJob service : services) {
            long millis = service.interval().toMillis();
            executor.scheduleWithFixedDelay(() -> runGuarded(service), 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    public static PeriodicJobRunner start(List<PeriodicJob> services) {
        log.info("Starting background services: {}", services.stream().map(PeriodicJob::name).toList());
        return new PeriodicJobRunner(services);
    }

    /**
     * A scheduled task that throws is never run again, so nothing escapes: a job stays alive through a database
     * outage (and anything else) and resumes on its next pass.
     */
    static void runGuarded(PeriodicJob service) {
        try {
            service.runOnce();
        } catch (StorageUnavailableException e) {
            log.warn("Background service {} could not reach the database ({}); it runs again after its interval",
                    service.name(), e.getMessage());
        } catch (Throwable e) {
            log.warn("Background service {} failed; it runs again after its interval", service.name(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PeriodicJob job : jobs) {
            if (job instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Background service {} did not stop cleanly", job.name(), e);
                }
            }
        }
    }
}
