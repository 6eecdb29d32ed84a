package io.baton.storage.jdbc;

import io.baton.domain.Times;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.SlotDecay;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.orchestration.port.LeasePort;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The orchestration rules' {@link ConcurrencyPort} and {@link LeasePort}, bound to the transaction of the
 * set_state call that runs the rules: slots taken or given back by a rule commit or roll back with the state
 * change itself.
 *
 * <p>Usage (inside {@code db.write(dsl -> ...)} of set_state):
 * <pre>{@code
 * JdbcConcurrencyPorts.Bound slots = JdbcConcurrencyPorts.forTransaction(dsl);
 * new OrchestrationPorts(clock, settings, deployments, slots, slots, cache, flowRuns, history, random);
 * }</pre>
 * One instance per transaction; it must not outlive it.
 *
 * <p>Lease reads made by rules ({@link LeasePort#readLease}, {@link LeasePort#leasesHeldBy}) lock the lease rows
 * on PostgreSQL, so that the repossessor (which skips locked rows) cannot free the same slots while the rule
 * releases them.
 */
public final class JdbcConcurrencyPorts {

    private JdbcConcurrencyPorts() {}

    public static Bound forTransaction(DSLContext dsl) {
        return new Bound(dsl, SlotDecay.DEFAULT_MAX_WAIT_SECONDS);
    }

    public static Bound forTransaction(DSLContext dsl, double maxWaitSeconds) {
        return new Bound(dsl, maxWaitSeconds);
    }

    /** Both ports over one transaction. */
    public static final class Bound implements ConcurrencyPort, LeasePort {
        private final LimitSql limits;
        private final LeaseSql leases;

        private Bound(DSLContext dsl, double maxWaitSeconds) {
            this.limits = new LimitSql(dsl, maxWaitSeconds);
            this.leases = new LeaseSql(dsl);
        }

        @Override
        public List<ConcurrencyLimit> findLimitsByName(Collection<String> names) {
            return limits.readByNames(names, Times.now()).stream().map(JdbcConcurrencyPorts::toPort).toList();
        }

        @Override
        public boolean acquireSlots(Collection<UUID> limitIds, int slots) {
            var now = Times.now();
            List<UUID> active = limits.readByIds(limitIds, now).stream()
                    .filter(ConcurrencyLimitV2::active).map(ConcurrencyLimitV2::id).toList();
            return limits.take(active, slots, now);
        }

        @Override
        public void releaseSlots(Collection<UUID> limitIds, int slots, Duration occupancy) {
            limits.release(limitIds, slots, occupancy == null ? null : io.baton.json.Json.seconds(occupancy), Times.now());
        }

        @Override
        public Lease createLease(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder) {
            return leases.insert(resourceIds, ttl, slots, holder, Times.now()).toPortLease();
        }

        @Override
        public Optional<Lease> readLease(UUID leaseId) {
            return leases.read(leaseId, true).map(ConcurrencyLease::toPortLease);
        }

        @Override
        public boolean renewLease(UUID leaseId, Duration ttl) {
            return leases.renew(leaseId, ttl, Times.now());
        }

        @Override
        public void revokeLease(UUID leaseId) {
            leases.delete(leaseId);
        }

        @Override
        public List<Lease> leasesHeldBy(UUID limitId, LeaseHolder holder) {
            return leases.heldBy(limitId, holder, Times.now(), true).stream().map(ConcurrencyLease::toPortLease).toList();
        }
    }

    static ConcurrencyLimit toPort(ConcurrencyLimitV2 limit) {
        return new ConcurrencyLimit(limit.id(), limit.name(), limit.limit(), limit.active(), limit.activeSlots(),
                limit.avgSlotOccupancySeconds());
    }
}
