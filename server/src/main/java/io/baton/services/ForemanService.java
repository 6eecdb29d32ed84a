package io.baton.services;

import io.baton.domain.Times;
import io.baton.storage.WorkerStore;
import java.time.Duration;

/** Marks silent workers OFFLINE and pools, deployments and queues nobody polls NOT_READY. */
public final class ForemanService implements PeriodicJob {

    private final WorkerStore workers;
    private final Duration loop;
    private final Duration deploymentPollTimeout;
    private final Duration queuePollTimeout;

    public ForemanService(WorkerStore workers, Duration loop, Duration deploymentPollTimeout, Duration queuePollTimeout) {
        this.workers = workers;
        this.loop = loop;
        this.deploymentPollTimeout = deploymentPollTimeout;
        this.queuePollTimeout = queuePollTimeout;
    }

    @Override
    public String name() {
        return "foreman";
    }

    @Override
    public Duration interval() {
        return loop;
    }

    @Override
    public void runOnce() {
        workers.markUnhealthy(Times.now(), deploymentPollTimeout, queuePollTimeout);
    }
}
