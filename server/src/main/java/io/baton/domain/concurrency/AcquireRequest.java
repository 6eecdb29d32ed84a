package io.baton.domain.concurrency;

import io.baton.domain.orchestration.port.LeaseHolder;
import java.time.Duration;
import java.util.List;

/**
 * A request for {@code slots} slots on every limit in {@code names}. With a {@code leaseTtl} the slots are
 * covered by a lease (optionally naming its {@code holder}) that frees them when it expires.
 */
public record AcquireRequest(List<String> names, int slots, AcquireMode mode, Duration leaseTtl, LeaseHolder holder) {

    public AcquireRequest {
        names = List.copyOf(names);
    }

    public static AcquireRequest withoutLease(List<String> names, int slots, AcquireMode mode) {
        return new AcquireRequest(names, slots, mode, null, null);
    }
}
