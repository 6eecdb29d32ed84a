package io.baton.storage;

import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.orchestration.port.LeaseHolder;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Concurrency leases, persisted so that every replica sees them and a restart loses none. A lease's slots
 * are given back at most once, whoever gets there first: its holder or the repossessor.
 */
public interface LeaseStore {

    /** A lease over slots the caller already took. */
    ConcurrencyLease create(Collection<UUID> limitIds, Duration ttl, int slots, LeaseHolder holder);

    /** The lease, expired or not, until it is revoked or repossessed. */
    Optional<ConcurrencyLease> read(UUID id);

    /** @return false when the lease is missing or already expired */
    boolean renew(UUID id, Duration ttl);

    /** Deletes the lease without touching its slots. */
    boolean revoke(UUID id);

    /** Gives back the lease's slots (recording its occupancy) and deletes it; false when it was already gone. */
    boolean releaseAndRevoke(UUID id);

    /** Holders of unexpired leases on the limit. */
    List<LeaseHolder> holders(UUID limitId);

    /** Ids of expired leases, oldest first. */
    List<UUID> expired(int limit);

    /**
     * Frees the slots of up to {@code batch} expired leases and deletes them, in one transaction.
     * @return how many leases were repossessed
     */
    int repossessExpired(int batch);
}
