package io.baton.domain.orchestration.port;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Concurrency lease storage. */
public interface LeasePort {

    Lease createLease(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder);

    Optional<Lease> readLease(UUID leaseId);

    /** @return false when the lease is missing or already expired */
    boolean renewLease(UUID leaseId, Duration ttl);

    void revokeLease(UUID leaseId);

    /** Active leases on {@code limitId} held by {@code holder}. */
    List<Lease> leasesHeldBy(UUID limitId, LeaseHolder holder);
}
