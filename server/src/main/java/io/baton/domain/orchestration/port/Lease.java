package io.baton.domain.orchestration.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A concurrency lease over {@code resourceIds} (limit ids) for {@code slots} slots; holder may be null. */
public record Lease(UUID id, List<UUID> resourceIds, Instant expiration, int slots, LeaseHolder holder) {
    public Lease {
        resourceIds = List.copyOf(resourceIds);
    }
}
