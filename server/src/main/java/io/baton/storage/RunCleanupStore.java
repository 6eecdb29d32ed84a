package io.baton.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The run services' writes: cancellation cleanup, the cancelling timeout and pause expirations. Every method is
 * safe to call from several replicas at once: each run is handled in its own transaction that locks it (skipping
 * rows another replica holds on PostgreSQL) and re-checks, under the lock, that it still needs the change.
 */
public interface RunCleanupStore {

    String CHILD_TASK_CANCELLED = "The parent flow run was cancelled.";
    String CANCELLING_TIMED_OUT = "Flow run cancellation timed out; marked this flow run as Cancelled.";
    String PAUSE_EXPIRED = "The flow was paused and never resumed.";

    /**
     * Forces {@code Cancelled} onto the non-terminal task runs (up to {@code tasksPerRun} each) of up to
     * {@code runs} flow runs that were cancelled after {@code endedAfter}. @return task runs cancelled
     */
    int cancelChildTaskRuns(Instant endedAfter, int runs, int tasksPerRun);

    /**
     * Subflow runs still active (PENDING, SCHEDULED, RUNNING, PAUSED, CANCELLING) under a cancelled parent flow run:
     * {@code Cancelling} when the subflow has a deployment (its infrastructure must be torn down; left alone when it
     * is already cancelling so its timeout keeps running), {@code Cancelled} otherwise. @return subflows changed
     */
    int cancelOrphanedSubflows(int limit);

    /**
     * Proposes {@code Cancelled} (core policy) to the flow run if it is still in the CANCELLING state
     * {@code cancellingStateId}. @return true when the run was cancelled
     */
    boolean cancelIfStillCancelling(UUID flowRunId, UUID cancellingStateId);

    /** Runs whose CANCELLING state is older than {@code timeout}, each cancelled as above. @return runs cancelled */
    int cancelStuckCancelling(Instant now, Duration timeout, int limit);

    /** Forces {@code Failed} onto up to {@code limit} PAUSED runs whose pause timed out before {@code now}. */
    int failExpiredPauses(Instant now, int limit);
}
