package io.baton.storage;

import io.baton.domain.filter.Query;
import io.baton.domain.work.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Workers of a pool, kept alive by heartbeats; the foreman marks silent ones and their pools. */
public interface WorkerStore {

    /**
     * Upserts the worker on (pool, name) and, in the same transaction, turns a NOT_READY pool READY.
     *
     * @throws ObjectNotFoundException when the pool does not exist
     */
    void heartbeat(String poolName, String workerName, Integer heartbeatIntervalSeconds, Instant now);

    /** Workers of the pool, most recent heartbeat first; empty when the pool does not exist. */
    Optional<List<Worker>> filter(String poolName, Query query, Instant now);

    boolean delete(String poolName, String workerName);

    /**
     * The foreman's pass: silent workers OFFLINE, READY pools without an ONLINE worker NOT_READY, deployments
     * and queues not polled within {@code pollTimeout} NOT_READY.
     *
     * @return how many rows changed status
     */
    int markUnhealthy(Instant now, java.time.Duration deploymentPollTimeout, java.time.Duration queuePollTimeout);
}
