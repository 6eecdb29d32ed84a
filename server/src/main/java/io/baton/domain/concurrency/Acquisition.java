package io.baton.domain.concurrency;

import java.util.List;
import java.util.UUID;

/** The outcome of asking for slots on a set of limits. */
public sealed interface Acquisition {

    /**
     * Slots were taken on every active limit in {@code limits} (possibly none: unknown names are skipped);
     * {@code leaseId} is the lease covering them when one was requested and there was something to cover.
     */
    record Acquired(List<ConcurrencyLimitV2> limits, UUID leaseId) implements Acquisition {}

    /** At least one limit is full; nothing was taken; retry after about {@code retryAfterSeconds}. */
    record Locked(List<ConcurrencyLimitV2> limits, double retryAfterSeconds) implements Acquisition {}

    /** More slots were requested than {@code limit} has (a limit of 0 can never be acquired). */
    record ExceedsLimit(ConcurrencyLimitV2 limit) implements Acquisition {}

    /** {@code rate_limit} mode on limits without decay. */
    record NotRateLimits(List<String> names) implements Acquisition {}
}
