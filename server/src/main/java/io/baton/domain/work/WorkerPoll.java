package io.baton.domain.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a worker asks for: runs of the named queues (every queue of the pool when none are named) whose start
 * time lies in {@code [after, before]} (either bound open when null), at most {@code limit}.
 */
public record WorkerPoll(List<String> queueNames, Instant before, Instant after, int limit) {

    /** The most runs one poll selects, whatever the caller asks for. */
    public static final int MAX_LIMIT = 1_000;

    /**
     * How stale a queue's or deployment's {@code last_polled} may get before a poll rewrites it. Far below the
     * foreman's 60 s readiness window, and it bounds the bookkeeping to one write per object per interval however
     * many workers poll.
     */
    public static final Duration POLL_REFRESH = Duration.ofSeconds(5);

    public WorkerPoll {
        queueNames = queueNames == null ? List.of() : List.copyOf(queueNames);
        limit = Math.max(0, Math.min(limit, MAX_LIMIT));
    }

    /** Slots left under a concurrency limit; null (no limit) means unlimited. */
    public static int available(Integer concurrencyLimit, long active) {
        if (concurrencyLimit == null) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(0, concurrencyLimit - active);
    }
}
