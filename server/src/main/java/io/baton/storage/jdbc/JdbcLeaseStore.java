package io.baton.storage.jdbc;

import io.baton.domain.Times;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.concurrency.SlotDecay;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

public final class JdbcLeaseStore implements LeaseStore {

    private final Database db;
    private final double maxWaitSeconds;

    public JdbcLeaseStore(Database db) {
        this(db, SlotDecay.DEFAULT_MAX_WAIT_SECONDS);
    }

    public JdbcLeaseStore(Database db, double maxWaitSeconds) {
        this.db = db;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    @Override
    public ConcurrencyLease create(Collection<UUID> limitIds, Duration ttl, int slots, LeaseHolder holder) {
        return db.write(dsl -> new LeaseSql(dsl).insert(limitIds, ttl, slots, holder, Times.now()));
    }

    @Override
    public Optional<ConcurrencyLease> read(UUID id) {
        return db.read(dsl -> new LeaseSql(dsl).read(id, false));
    }

    @Override
    public boolean renew(UUID id, Duration ttl) {
        return db.write(dsl -> new LeaseSql(dsl).renew(id, ttl, Times.now()));
    }

    @Override
    public boolean revoke(UUID id) {
        return db.write(dsl -> new LeaseSql(dsl).delete(id));
    }

    @Override
    public boolean releaseAndRevoke(UUID id) {
        return db.write(dsl -> releaseAndRevoke(dsl, new LimitSql(dsl, maxWaitSeconds), new LeaseSql(dsl), id, Times.now()));
    }

    @Override
    public List<LeaseHolder> holders(UUID limitId) {
        return db.read(dsl -> new LeaseSql(dsl).holders(limitId, Times.now()));
    }

    @Override
    public List<UUID> expired(int limit) {
        return db.read(dsl -> new LeaseSql(dsl).lockExpired(Times.now(), limit));
    }

    @Override
    public int repossessExpired(int batch) {
        return db.write(dsl -> {
            Instant now = Times.now();
            LeaseSql leases = new LeaseSql(dsl);
            LimitSql limits = new LimitSql(dsl, maxWaitSeconds);
            int repossessed = 0;
            for (UUID id : leases.lockExpired(now, batch)) {
                if (releaseAndRevoke(dsl, limits, leases, id, now)) {
                    repossessed++;
                }
            }
            return repossessed;
        });
    }

    /**
     * Deletes the lease and, only if this transaction deleted it, gives back its slots with the time they were
     * held as occupancy.
     */
    static boolean releaseAndRevoke(DSLContext dsl, LimitSql limits, LeaseSql leases, UUID id, Instant now) {
        Optional<ConcurrencyLease> taken = leases.take(id);
        if (taken.isEmpty()) {
            return false;
        }
        ConcurrencyLease lease = taken.get();
        limits.release(lease.resourceIds(), lease.slots(), Json.seconds(lease.occupancyAt(now)), now);
        return true;
    }
}
