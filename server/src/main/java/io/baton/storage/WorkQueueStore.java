package io.baton.storage;

import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueChanges;
import io.baton.domain.work.WorkQueueSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Work queues, inside a pool (by name) or by id. Priorities stay unique within a pool: placing a queue at
 * a taken priority shifts the queues from there on down by one.
 */
public interface WorkQueueStore {

    /**
     * Creates a queue in {@code poolName}, or in the legacy {@code default-agent-pool} (created on demand)
     * when {@code poolName} is null.
     *
     * @throws ObjectNotFoundException when the pool does not exist
     * @throws ObjectConflictException when the pool already has a queue of that name
     */
    WorkQueue create(String poolName, WorkQueueSpec spec);

    Optional<WorkQueue> read(UUID id);

    Optional<WorkQueue> read(String poolName, String queueName);

    /** False when the queue does not exist. @throws ObjectConflictException on a duplicate rename */
    boolean update(UUID id, WorkQueueChanges changes);

    /** False when the queue does not exist. @throws ObjectConflictException for a pool's default queue */
    boolean delete(UUID id);

    /** Queues of one pool ({@code poolName}) or of every pool (null), in priority order. */
    List<WorkQueue> filter(String poolName, Query query);

    long count(Criterion criterion);

    /** How many SCHEDULED runs of the queue are past their start time (for the status detail). */
    long lateRuns(UUID queueId, Instant now);

    /**
     * A poll's bookkeeping: the queues get {@code last_polled} and become READY unless paused, the deployments
     * get {@code last_polled} and become READY. Only rows whose status is off or whose {@code last_polled} is older
     * than {@link io.baton.domain.work.WorkerPoll#POLL_REFRESH} are written, and nothing at all when none is.
     */
    void recordPoll(Collection<UUID> queueIds, Collection<UUID> deploymentIds, Instant now);

    /** {@link #recordPoll} for a worker's poll of queues: the queues and the deployments that use them. */
    void recordQueuePoll(Collection<UUID> queueIds, Instant now);
}
