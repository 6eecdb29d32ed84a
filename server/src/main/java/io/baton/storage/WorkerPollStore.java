package io.baton.storage;

import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.work.SlotUsage;
import io.baton.domain.work.WorkerFlowRun;
import io.baton.domain.work.WorkerPoll;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Scheduled runs for workers and runners to pick up. Selecting never changes a run; the poller proposes PENDING.
 * Each poll records its bookkeeping ({@code last_polled}, READY) with writes bounded by
 * {@link WorkerPoll#POLL_REFRESH}.
 */
public interface WorkerPollStore {

    /**
     * Due SCHEDULED runs of the pool's queues under the pool's and each queue's concurrency limit, paused pools and
     * queues and in-process retries left out, by queue priority then start time. Marks the polled queues and their
     * deployments ready.
     *
     * @throws ObjectNotFoundException when the pool or a named queue does not exist
     */
    List<WorkerFlowRun> pollPool(String poolName, WorkerPoll poll, Instant now);

    /**
     * The legacy queue poll: the same selection for one queue. Bookkeeping only when {@code record}.
     *
     * @return empty when the queue does not exist
     */
    Optional<List<FlowRunRecord>> pollQueue(UUID queueId, Instant before, int limit, boolean record, Instant now);

    /** Runner polling: SCHEDULED runs of the deployments starting by {@code before}; marks the deployments ready. */
    List<FlowRunRecord> pollDeployments(List<UUID> deploymentIds, Instant before, int limit, Instant now);

    /** Slot usage of the pool and of one page of its queues; empty when the pool does not exist. */
    Optional<SlotUsage.Pool> poolSlots(String poolName, int offset, int limit, int runsPerQueue);

    /** Slot usage of the queue with one page of its slot holders; empty when the queue does not exist. */
    Optional<SlotUsage.Queue> queueSlots(UUID queueId, int offset, int limit);
}
