package io.baton.storage;

import java.time.Instant;
import java.util.Collection;

/**
 * Deleting what is past its retention, one bounded batch per call (each its own transaction), so that a large
 * backlog never holds a long transaction or the SQLite writer. On PostgreSQL a batch's rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}: replicas running the same pass split the work instead of colliding.
 */
public interface RetentionStore {

    /**
     * Deletes up to {@code batch} events that occurred before {@code cutoff}, with their event resources; when
     * {@code onlyTypes} is non-empty only events of those types. Returns how many events were deleted.
     */
    int deleteEvents(Instant cutoff, Collection<String> onlyTypes, int batch);

    /**
     * Deletes up to {@code batch} top-level flow runs (not subflows) in a terminal state that ended before
     * {@code endedBefore}, with their states, task runs (and theirs), inputs, logs and artifacts. Returns how many
     * flow runs were deleted. Subflows of a deleted run become top-level and are deleted by a later batch when
     * they qualify themselves.
     */
    int deleteFlowRuns(Instant endedBefore, int batch);

    /** SQLite with incremental auto-vacuum: gives up to {@code pages} free pages back to the file system. */
    int reclaimSpace(int pages);
}
