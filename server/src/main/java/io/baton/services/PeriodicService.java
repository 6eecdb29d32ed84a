package io.baton.services;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of work every {@code interval} (measured from the end of the previous pass) on its own daemon
 * thread. A failing pass is logged and the next one runs on schedule, so a database outage only delays work.
 */
public final class PeriodicService implements BackgroundService {

    private static final Logger log = LoggerFactory.getLogger(PeriodicService.class);

    private final String name;
    private final Duration interval;
    private final Runnable pass;
    private ScheduledExecutorService executor;

    public PeriodicService(String name, Duration interval, Runnable pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runPass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runPass() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.warn("{} pass failed; retrying in {} s", name, interval.toSeconds(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
