package io.baton.storage.jdbc.orchestration;

import io.baton.domain.Ids;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.orchestration.port.LeasePort;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Concurrency as seen by orchestration while no limits are stored: every named limit is absent, every acquire
 * succeeds and leases are not kept. Replaced by the concurrency-limit storage where it exists.
 */
public final class NoConcurrencyLimits implements ConcurrencyPort, LeasePort {

    public static final NoConcurrencyLimits INSTANCE = new NoConcurrencyLimits();

    @Override
    public List<ConcurrencyLimit> findLimitsByName(Collection<String> names) {
        return List.of();
    }

    @Override
    public boolean acquireSlots(Collection<UUID> limitIds, int slots) {
        return true;
    }

    @Override
    public void releaseSlots(Collection<UUID> limitIds, int slots, Duration occupancy) {
    }

    @Override
    public Lease createLease(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder) {
        return new Lease(Ids.uuid7(), List.copyOf(resourceIds), Instant.now().plus(ttl), slots, holder);
    }

    @Override
    public Optional<Lease> readLease(UUID leaseId) {
        return Optional.empty();
    }

    @Override
    public boolean renewLease(UUID leaseId, Duration ttl) {
        return false;
    }

    @Override
    public void revokeLease(UUID leaseId) {
    }

    @Override
    public List<Lease> leasesHeldBy(UUID limitId, LeaseHolder holder) {
        return List.of();
    }
}
