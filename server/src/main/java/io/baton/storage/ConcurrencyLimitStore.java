package io.baton.storage;

import io.baton.domain.Upserted;
import io.baton.domain.concurrency.AcquireRequest;
import io.baton.domain.concurrency.Acquisition;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.LimitPatch;
import io.baton.domain.concurrency.NewLimit;
import io.baton.domain.orchestration.port.LeaseHolder;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Global (V2) concurrency limits and their slots. Every read returns slot counts with decay applied up to the
 * moment of the read. Each method is one transaction.
 */
public interface ConcurrencyLimitStore {

    /** @throws IntegrityViolationException when the name is taken */
    ConcurrencyLimitV2 create(NewLimit limit);

    Optional<ConcurrencyLimitV2> read(UUID id);

    Optional<ConcurrencyLimitV2> readByName(String name);

    /** The existing limits among {@code names} (active or not), ordered by name. */
    List<ConcurrencyLimitV2> readByNames(Collection<String> names);

    /** Limits ordered by name; {@code namePrefix} null for all. */
    List<ConcurrencyLimitV2> list(String namePrefix, int limit, int offset);

    /** @return false when the limit does not exist; @throws IntegrityViolationException on a taken name */
    boolean update(UUID id, LimitPatch patch);

    /** Deletes the limit and takes it out of every lease that covers it. */
    boolean delete(UUID id);

    /**
     * Takes slots on every active limit named (unknown names are skipped, inactive limits ignored), all or
     * nothing, creating a lease over them when the request asks for one. A refusal adds the slots to the
     * limits' denied backlog and carries a jittered Retry-After drawn from {@code random}.
     */
    Acquisition acquire(AcquireRequest request, RandomGenerator random);

    /**
     * Gives back slots on the active limits among {@code names}; a known occupancy updates the average.
     * @return every limit found under those names
     */
    List<ConcurrencyLimitV2> release(Collection<String> names, int slots, Double occupancySeconds);

    // ---- the V1 tag-limit adapter --------------------------------------------------------------------------

    /** Creates the {@code tag:<tag>} limit, or sets the size of the existing one. */
    Upserted<ConcurrencyLimitV2> upsertTagLimit(String tag, int limit);

    /** Ids of the task runs holding unexpired leases on the limit (the V1 {@code active_slots}). */
    List<UUID> taskRunHolders(UUID limitId);

    /**
     * Drops every lease on the limit and occupies one slot per task run in {@code slotOverride} (each under its
     * own V1 lease), up to the limit's size.
     */
    void resetSlots(UUID limitId, List<UUID> slotOverride);

    /** Gives back every unexpired lease {@code holder} has on any of the limits, and deletes those leases. */
    void releaseHeldBy(Collection<UUID> limitIds, LeaseHolder holder);
}
