package io.baton.domain.concurrency;

import java.util.Collection;
import java.util.random.RandomGenerator;

/**
 * How long a client refused with 423 should wait. The blocking limit is the one with the largest backlog:
 * {@code (slots + denied) / limit} for concurrency limits, {@code slots + denied} for rate limits. The wait is
 * that backlog times the time one slot takes to free up, capped at the limit's maximum wait for concurrency
 * limits, then jittered so that refused clients do not retry in lockstep.
 */
public final class RetryAfter {

    public static final double JITTER_FACTOR = 0.3;

    private RetryAfter() {}

    /** The un-jittered wait; {@code limits} are the active limits of the refused request, decayed to now. */
    public static double baseSeconds(Collection<ConcurrencyLimitV2> limits, int slots, double configuredMaxWaitSeconds) {
        ConcurrencyLimitV2 blocking = null;
        double blockingSlots = -1;
        for (ConcurrencyLimitV2 limit : limits) {
            double backlog = backlog(limit, slots);
            if (backlog > blockingSlots) {
                blocking = limit;
                blockingSlots = backlog;
            }
        }
        if (blocking == null) {
            return 0;
        }
        if (blocking.isRateLimit()) {
            return blockingSlots / blocking.slotDecayPerSecond();
        }
        double maxWait = SlotDecay.maxWaitSeconds(blocking.name(), configuredMaxWaitSeconds);
        return Math.min(Math.min(blocking.avgSlotOccupancySeconds(), maxWait) * blockingSlots, maxWait);
    }

    static double backlog(ConcurrencyLimitV2 limit, int slots) {
        double pending = slots + limit.deniedSlots();
        if (limit.isRateLimit()) {
            return pending;
        }
        return limit.limit() <= 0 ? Double.MAX_VALUE : pending / limit.limit();
    }

    /**
     * An exponential draw with mean {@code baseSeconds}, truncated to {@code [c, 1 + JITTER_FACTOR]} times the
     * base, where {@code c} puts as much probability mass between the lower bound and the median as between the
     * median and the upper bound, so the mean stays close to the base.
     */
    public static double jittered(double baseSeconds, RandomGenerator random) {
        if (baseSeconds <= 0) {
            return 0;
        }
        double upperMultiple = 1 + JITTER_FACTOR;
        double p = Math.pow(2, upperMultiple);
        double lowerMultiple = Math.log(p / (p - 1)) / Math.log(2);
        double lowerP = 1 - Math.exp(-lowerMultiple);
        double upperP = 1 - Math.exp(-upperMultiple);
        double u = lowerP + (upperP - lowerP) * random.nextDouble();
        return -Math.log(Math.max(1 - u, 1e-10)) * baseSeconds;
    }
}
