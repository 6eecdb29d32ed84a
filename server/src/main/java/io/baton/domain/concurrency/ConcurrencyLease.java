package io.baton.domain.concurrency;

import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored lease: {@code slots} slots on every limit in {@code resourceIds}, held until {@code expiration}
 * unless renewed. {@code created} measures how long the slots were occupied when they are given back.
 */
public record ConcurrencyLease(UUID id, List<UUID> resourceIds, Instant created, Instant expiration, int slots,
                               LeaseHolder holder) {

    /** V1 clients cannot renew leases; their slots are held "forever" and given back explicitly. */
    public static final Duration V1_TTL = Duration.ofDays(365L * 100);

    public ConcurrencyLease {
        resourceIds = List.copyOf(resourceIds);
    }

    public Lease toPortLease() {
        return new Lease(id, resourceIds, expiration, slots, holder);
    }

    public Duration occupancyAt(Instant now) {
        Duration d = Duration.between(created, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
