package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.storage.LeaseStore;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseRepossessorTest {

    /** A lease store whose repossession reports preset batch sizes. */
    static final class ScriptedLeases implements LeaseStore {
        final List<Integer> batches;
        final AtomicInteger calls = new AtomicInteger();

        ScriptedLeases(Integer... batches) {
            this.batches = new ArrayList<>(List.of(batches));
        }

        @Override
        public int repossessExpired(int batch) {
            calls.incrementAndGet();
            return batches.isEmpty() ? 0 : batches.removeFirst();
        }

        @Override
        public ConcurrencyLease create(Collection<UUID> limitIds, Duration ttl, int slots, LeaseHolder holder) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ConcurrencyLease> read(UUID id) {
            return Optional.empty();
        }

        @Override
        public boolean renew(UUID id, Duration ttl) {
            return false;
        }

        @Override
        public boolean revoke(UUID id) {
            return false;
        }

        @Override
        public boolean releaseAndRevoke(UUID id) {
            return false;
        }

        @Override
        public List<LeaseHolder> holders(UUID limitId) {
            return List.of();
        }

        @Override
        public List<UUID> expired(int limit) {
            return List.of();
        }
    }

    @Test
    void aPassDrainsFullBatchesUntilAPartialOne() {
        ScriptedLeases leases = new ScriptedLeases(LeaseRepossessor.BATCH, LeaseRepossessor.BATCH, 3, 50);
        assertThat(new LeaseRepossessor(leases).repossess()).isEqualTo(2 * LeaseRepossessor.BATCH + 3);
        assertThat(leases.calls.get()).isEqualTo(3);
    }

    @Test
    void theServerStartsAndStopsItWhenServicesAreEnabled() {
        try (BatonServer server = TestServers.fresh(DbKind.SQLITE, s -> s.withServices(true))) {
            assertThat(server.settings().servicesEnabled()).isTrue();
        }
    }
}
