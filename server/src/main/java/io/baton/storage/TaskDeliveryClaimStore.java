package io.baton.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * Claims that decide which replica delivers a deferred task run, so that among the task workers connected to
 * all replicas exactly one receives it. A claim is held by one replica until it is acknowledged (kept, so the
 * run is not delivered again) or released (the worker did not take it), or until it expires unacknowledged
 * (its replica died mid-delivery), after which another replica may claim the run.
 */
public interface TaskDeliveryClaimStore {

    /** Claims {@code taskRunId} for {@code owner} until {@code until}; false when another holds it or it was delivered. */
    boolean claim(UUID taskRunId, String owner, Instant now, Instant until);

    /** The worker took the run: the claim stays, acknowledged, until {@link #purge}. */
    void acknowledge(UUID taskRunId, String owner, Instant keepUntil);

    /** The worker did not take the run: others may claim it again. */
    void release(UUID taskRunId, String owner);

    /** Forgets claims that ended before {@code before}. */
    int purge(Instant before);
}
