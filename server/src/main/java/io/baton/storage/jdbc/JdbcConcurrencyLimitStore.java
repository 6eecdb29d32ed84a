package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;

import static io.baton.storage.jdbc.tables.ConcurrencyTables.LIMIT;

import io.baton.domain.Times;
import io.baton.domain.Upserted;
import io.baton.domain.concurrency.AcquireMode;
import io.baton.domain.concurrency.AcquireRequest;
import io.baton.domain.concurrency.Acquisition;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.LimitPatch;
import io.baton.domain.concurrency.NewLimit;
import io.baton.domain.concurrency.RetryAfter;
import io.baton.domain.concurrency.SlotDecay;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.storage.ConcurrencyLimitStore;
import io.baton.storage.Database;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;

public final class JdbcConcurrencyLimitStore implements ConcurrencyLimitStore {

    private final Database db;
    private final EventOutbox outbox;
    private final double maxWaitSeconds;

    public JdbcConcurrencyLimitStore(Database db) {
        this(db, new EventOutbox(db), SlotDecay.DEFAULT_MAX_WAIT_SECONDS);
    }

    /** @param maxWaitSeconds {@code server.concurrency.maximum_concurrency_slot_wait_seconds} */
    public JdbcConcurrencyLimitStore(Database db, EventOutbox outbox, double maxWaitSeconds) {
        this.db = db;
        this.outbox = outbox;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /** Lifecycle events carry the limit's configuration (tag limits are limits named {@code tag:<tag>}). */
    private static JsonNode event(Action action, ConcurrencyLimitV2 l, Instant now) {
        return ServerEvents.globalConcurrencyLimit(action, l.id(), l.name(), l.limit(), l.active(),
                l.slotDecayPerSecond(), now);
    }

    private LimitSql limits(DSLContext dsl) {
        return new LimitSql(dsl, maxWaitSeconds);
    }

    @Override
    public ConcurrencyLimitV2 create(NewLimit limit) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            ConcurrencyLimitV2 created = limits(dsl).insert(limit, now);
            events.add(event(Action.CREATED, created, now));
            return created;
        });
    }

    @Override
    public Optional<ConcurrencyLimitV2> read(UUID id) {
        return db.read(dsl -> limits(dsl).read(id, Times.now()));
    }

    @Override
    public Optional<ConcurrencyLimitV2> readByName(String name) {
        return db.read(dsl -> limits(dsl).readByName(name, Times.now()));
    }

    @Override
    public List<ConcurrencyLimitV2> readByNames(Collection<String> names) {
        return db.read(dsl -> limits(dsl).readByNames(names, Times.now()));
    }

    @Override
    public List<ConcurrencyLimitV2> list(String namePrefix, int limit, int offset) {
        return db.read(dsl -> limits(dsl).list(namePrefix, limit, offset, Times.now()));
    }

    @Override
    public boolean update(UUID id, LimitPatch patch) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            if (!sql.update(id, patch, now)) {
                return false;
            }
            sql.read(id, now).ifPresent(l -> events.add(event(Action.UPDATED, l, now)));
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            Optional<ConcurrencyLimitV2> existing = sql.read(id, now);
            new LeaseSql(dsl).detach(id, now);
            if (!sql.delete(id)) {
                return false;
            }
            existing.ifPresent(l -> events.add(event(Action.DELETED, l, now)));
            return true;
        });
    }

    @Override
    public Acquisition acquire(AcquireRequest request, RandomGenerator random) {
        // Every tagged task asks, limit or not: answer the common "nothing to take" case without a write
        // transaction (which on SQLite would queue behind the single writer).
        boolean anyActive = db.read(dsl -> limits(dsl).readByNames(request.names(), Times.now()).stream()
                .anyMatch(ConcurrencyLimitV2::active));
        if (!anyActive) {
            return new Acquisition.Acquired(List.of(), null);
        }
        return db.write(dsl -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            List<ConcurrencyLimitV2> active = sql.readByNames(request.names(), now).stream()
                    .filter(ConcurrencyLimitV2::active).toList();
            for (ConcurrencyLimitV2 limit : active) {
                if (limit.limit() < request.slots()) {
                    return new Acquisition.ExceedsLimit(limit);
                }
            }
            if (request.mode() == AcquireMode.RATE_LIMIT) {
                List<String> notDecaying = active.stream().filter(l -> !l.isRateLimit()).map(ConcurrencyLimitV2::name)
                        .toList();
                if (!notDecaying.isEmpty()) {
                    return new Acquisition.NotRateLimits(notDecaying);
                }
            }
            List<UUID> ids = active.stream().map(ConcurrencyLimitV2::id).toList();
            if (sql.take(ids, request.slots(), now)) {
                UUID leaseId = null;
                if (request.leaseTtl() != null && !ids.isEmpty()) {
                    leaseId = new LeaseSql(dsl).insert(ids, request.leaseTtl(), request.slots(), request.holder(), now).id();
                }
                return new Acquisition.Acquired(active, leaseId);
            }
            sql.addDenied(ids, request.slots(), now);
            double wait = RetryAfter.jittered(RetryAfter.baseSeconds(active, request.slots(), maxWaitSeconds), random);
            return new Acquisition.Locked(active, wait);
        });
    }

    @Override
    public List<ConcurrencyLimitV2> release(Collection<String> names, int slots, Double occupancySeconds) {
        return db.write(dsl -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            List<ConcurrencyLimitV2> found = sql.readByNames(names, now);
            sql.release(found.stream().map(ConcurrencyLimitV2::id).toList(), slots, occupancySeconds, now);
            return found;
        });
    }

    @Override
    public Upserted<ConcurrencyLimitV2> upsertTagLimit(String tag, int limit) {
        String name = ConcurrencyLimitV2.TAG_PREFIX + tag;
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            int inserted = dsl.insertInto(LIMIT.table())
                    .set(LIMIT.ID, io.baton.domain.Ids.uuid4())
                    .set(LIMIT.CREATED, now)
                    .set(LIMIT.UPDATED, now)
                    .set(LIMIT.ACTIVE, true)
                    .set(LIMIT.NAME, name)
                    .set(LIMIT.LIMIT, limit)
                    .set(LIMIT.ACTIVE_SLOTS, 0)
                    .set(LIMIT.DENIED_SLOTS, 0)
                    .set(LIMIT.SLOT_DECAY_PER_SECOND, 0.0)
                    .set(LIMIT.AVG_SLOT_OCCUPANCY_SECONDS, ConcurrencyLimitV2.DEFAULT_AVG_SLOT_OCCUPANCY_SECONDS)
                    .onConflict(Sql.unqualified(LIMIT.NAME))
                    .doNothing()
                    .execute();
            if (inserted == 0) {
                UUID id = sql.readByName(name, now).orElseThrow().id();
                sql.update(id, LimitPatch.limit(limit), now);
            }
            ConcurrencyLimitV2 stored = sql.readByName(name, now).orElseThrow();
            events.add(event(inserted == 1 ? Action.CREATED : Action.UPDATED, stored, now));
            return new Upserted<>(stored, inserted == 1);
        });
    }

    @Override
    public List<UUID> taskRunHolders(UUID limitId) {
        return db.read(dsl -> new LeaseSql(dsl).holders(limitId, Times.now()).stream()
                .filter(h -> "task_run".equals(h.type())).map(LeaseHolder::id).distinct().toList());
    }

    @Override
    public void resetSlots(UUID limitId, List<UUID> slotOverride) {
        db.writeVoid(dsl -> {
            Instant now = Times.now();
            LimitSql sql = limits(dsl);
            LeaseSql leases = new LeaseSql(dsl);
            Optional<ConcurrencyLimitV2> limit = sql.read(limitId, now);
            if (limit.isEmpty()) {
                return;
            }
            leases.detach(limitId, now);
            int occupied = 0;
            for (UUID taskRun : slotOverride == null ? List.<UUID>of() : slotOverride.stream().distinct().toList()) {
                if (occupied >= limit.get().limit()) {
                    break;
                }
                leases.insert(List.of(limitId), ConcurrencyLease.V1_TTL, 1, LeaseHolder.taskRun(taskRun), now);
                occupied++;
            }
            sql.setActiveSlots(limitId, occupied, now);
        });
    }

    @Override
    public void releaseHeldBy(Collection<UUID> limitIds, LeaseHolder holder) {
        db.writeVoid(dsl -> {
            Instant now = Times.now();
            LeaseSql leases = new LeaseSql(dsl);
            Map<UUID, ConcurrencyLease> held = new LinkedHashMap<>();
            for (UUID limitId : limitIds) {
                leases.heldBy(limitId, holder, now, true).forEach(l -> held.putIfAbsent(l.id(), l));
            }
            for (UUID leaseId : held.keySet()) {
                JdbcLeaseStore.releaseAndRevoke(dsl, limits(dsl), leases, leaseId, now);
            }
        });
    }
}
