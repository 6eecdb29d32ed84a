package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.ConcurrencyTables.LEASE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Record1;

/**
 * Statements on {@code concurrency_lease} inside a transaction the caller owns. A lease's slots are given back
 * exactly once because giving back always starts by deleting the lease row: only the transaction whose
 * DELETE removed the row releases the slots (on PostgreSQL a concurrent DELETE waits for the first one and
 * then finds nothing; SQLite has a single writer).
 */
final class LeaseSql {

    private final DSLContext dsl;
    private final boolean postgres;

    LeaseSql(DSLContext dsl) {
        this.dsl = dsl;
        this.postgres = dsl.dialect() == SQLDialect.POSTGRES;
    }

    ConcurrencyLease insert(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder, Instant now) {
        UUID id = Ids.uuid4();
        Instant expiration = now.plus(ttl);
        dsl.insertInto(LEASE.table())
                .set(LEASE.ID, id)
                .set(LEASE.CREATED, now)
                .set(LEASE.UPDATED, now)
                .set(LEASE.RESOURCE_IDS, ids(resourceIds))
                .set(LEASE.EXPIRATION, expiration)
                .set(LEASE.SLOTS, slots)
                .set(LEASE.HOLDER_TYPE, holder == null ? null : holder.type())
                .set(LEASE.HOLDER_ID, holder == null ? null : holder.id())
                .execute();
        return new ConcurrencyLease(id, List.copyOf(resourceIds), now, expiration, slots, holder);
    }

    /**
     * The lease, expired or not. With {@code lock} (PostgreSQL) the row stays locked until the transaction ends,
     * so the repossessor skips it and cannot free its slots a second time.
     */
    Optional<ConcurrencyLease> read(UUID id, boolean lock) {
        var select = dsl.select(columns()).from(LEASE.table()).where(LEASE.ID.eq(id));
        return (lock && postgres ? select.forUpdate() : select).fetchOptional(LeaseSql::map);
    }

    /** Extends an unexpired lease to {@code now + ttl}; false when it is missing or already expired. */
    boolean renew(UUID id, Duration ttl, Instant now) {
        return dsl.update(LEASE.table())
                .set(LEASE.EXPIRATION, now.plus(ttl))
                .set(LEASE.UPDATED, now)
                .where(LEASE.ID.eq(id).and(LEASE.EXPIRATION.gt(now)))
                .execute() == 1;
    }

    boolean delete(UUID id) {
        return dsl.deleteFrom(LEASE.table()).where(LEASE.ID.eq(id)).execute() == 1;
    }

    /** Deletes the lease and returns it, or empty when another transaction already took it. */
    Optional<ConcurrencyLease> take(UUID id) {
        return dsl.deleteFrom(LEASE.table()).where(LEASE.ID.eq(id)).returning(columns()).fetchOptional(LeaseSql::map);
    }

    /**
     * Up to {@code limit} expired lease ids, oldest first. On PostgreSQL the rows are locked with SKIP LOCKED so
     * that concurrent repossessors (other replicas) split the work instead of queueing on the same rows.
     */
    List<UUID> lockExpired(Instant now, int limit) {
        SelectForUpdateStep<Record1<UUID>> select = dsl.select(LEASE.ID).from(LEASE.table())
                .where(LEASE.EXPIRATION.le(now)).orderBy(LEASE.EXPIRATION).limit(limit);
        return (postgres ? select.forUpdate().skipLocked() : select).fetch(LEASE.ID);
    }

    /** Holders of unexpired leases on the limit. */
    List<LeaseHolder> holders(UUID limitId, Instant now) {
        return dsl.select(LEASE.HOLDER_TYPE, LEASE.HOLDER_ID).from(LEASE.table())
                .where(covers(limitId)).and(LEASE.EXPIRATION.gt(now)).and(LEASE.HOLDER_ID.isNotNull())
                .orderBy(LEASE.CREATED)
                .fetch(r -> new LeaseHolder(r.get(LEASE.HOLDER_TYPE), r.get(LEASE.HOLDER_ID)));
    }

    /** Unexpired leases on the limit held by {@code holder}; locked on PostgreSQL when {@code lock}. */
    List<ConcurrencyLease> heldBy(UUID limitId, LeaseHolder holder, Instant now, boolean lock) {
        var select = dsl.select(columns()).from(LEASE.table())
                .where(LEASE.HOLDER_ID.eq(holder.id())).and(LEASE.HOLDER_TYPE.eq(holder.type()))
                .and(covers(limitId)).and(LEASE.EXPIRATION.gt(now))
                .orderBy(LEASE.CREATED);
        return (lock && postgres ? select.forUpdate() : select).fetch(LeaseSql::map);
    }

    /** Every lease (expired or not) that covers the limit. */
    List<ConcurrencyLease> covering(UUID limitId) {
        return dsl.select(columns()).from(LEASE.table()).where(covers(limitId)).fetch(LeaseSql::map);
    }

    /**
     * Takes a limit out of every lease that covers it (the limit is being deleted or reset). Leases left with
     * no limit are deleted; the others keep holding their remaining limits.
     */
    void detach(UUID limitId, Instant now) {
        for (ConcurrencyLease lease : covering(limitId)) {
            List<UUID> remaining = new ArrayList<>(lease.resourceIds());
            remaining.remove(limitId);
            if (remaining.isEmpty()) {
                delete(lease.id());
            } else {
                dsl.update(LEASE.table()).set(LEASE.RESOURCE_IDS, ids(remaining)).set(LEASE.UPDATED, now)
                        .where(LEASE.ID.eq(lease.id())).execute();
            }
        }
    }

    private Condition covers(UUID limitId) {
        return SqlFunctions.jsonListContainsAny(dsl.dialect(), LEASE.RESOURCE_IDS, List.of(limitId.toString()));
    }

    private static JsonNode ids(Collection<UUID> ids) {
        var array = Json.array();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }

    static List<Field<?>> columns() {
        return List.of(LEASE.ID, LEASE.CREATED, LEASE.RESOURCE_IDS, LEASE.EXPIRATION, LEASE.SLOTS, LEASE.HOLDER_TYPE,
                LEASE.HOLDER_ID);
    }

    static ConcurrencyLease map(Record r) {
        List<UUID> resources = new ArrayList<>();
        JsonNode ids = r.get(LEASE.RESOURCE_IDS);
        if (ids != null) {
            ids.forEach(n -> resources.add(UUID.fromString(n.asText())));
        }
        String holderType = r.get(LEASE.HOLDER_TYPE);
        UUID holderId = r.get(LEASE.HOLDER_ID);
        LeaseHolder holder = holderType == null || holderId == null ? null : new LeaseHolder(holderType, holderId);
        return new ConcurrencyLease(r.get(LEASE.ID), resources, r.get(LEASE.CREATED), r.get(LEASE.EXPIRATION),
                r.get(LEASE.SLOTS), holder);
    }
}
