package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.ConcurrencyTables.LIMIT;

import io.baton.domain.Ids;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.LimitPatch;
import io.baton.domain.concurrency.NewLimit;
import io.baton.domain.concurrency.SlotDecay;
import io.baton.storage.jdbc.tables.ConcurrencyTables.LimitTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Statements on {@code concurrency_limit_v2} inside a transaction the caller owns. Decay is computed in SQL
 * from the row's {@code updated} and a bound {@code now}, with the same formulas as {@link SlotDecay}, so that
 * taking slots is one conditional UPDATE that sees the decayed values.
 */
final class LimitSql {

    private static final LimitTable OTHER = new LimitTable("other_limit");

    private final DSLContext dsl;
    private final boolean postgres;
    private final double maxWaitSeconds;

    LimitSql(DSLContext dsl, double maxWaitSeconds) {
        this.dsl = dsl;
        this.postgres = dsl.dialect() == SQLDialect.POSTGRES;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    // ---- reads -------------------------------------------------------------------------------------------

    Optional<ConcurrencyLimitV2> read(UUID id, Instant now) {
        return dsl.select(columns()).from(LIMIT.table()).where(LIMIT.ID.eq(id)).fetchOptional(r -> map(r, now));
    }

    Optional<ConcurrencyLimitV2> readByName(String name, Instant now) {
        return dsl.select(columns()).from(LIMIT.table()).where(LIMIT.NAME.eq(name)).fetchOptional(r -> map(r, now));
    }

    List<ConcurrencyLimitV2> readByNames(Collection<String> names, Instant now) {
        if (names.isEmpty()) {
            return List.of();
        }
        return dsl.select(columns()).from(LIMIT.table()).where(LIMIT.NAME.in(names)).orderBy(LIMIT.NAME)
                .fetch(r -> map(r, now));
    }

    List<ConcurrencyLimitV2> readByIds(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.select(columns()).from(LIMIT.table()).where(LIMIT.ID.in(ids)).orderBy(LIMIT.NAME)
                .fetch(r -> map(r, now));
    }

    List<ConcurrencyLimitV2> list(String namePrefix, int limit, int offset, Instant now) {
        Condition where = namePrefix == null ? DSL.noCondition() : LIMIT.NAME.startsWith(namePrefix);
        return dsl.select(columns()).from(LIMIT.table()).where(where).orderBy(LIMIT.NAME).limit(limit).offset(offset)
                .fetch(r -> map(r, now));
    }

    // ---- writes ------------------------------------------------------------------------------------------

    ConcurrencyLimitV2 insert(NewLimit spec, Instant now) {
        UUID id = Ids.uuid4();
        dsl.insertInto(LIMIT.table())
                .set(LIMIT.ID, id)
                .set(LIMIT.CREATED, now)
                .set(LIMIT.UPDATED, now)
                .set(LIMIT.ACTIVE, spec.active())
                .set(LIMIT.NAME, spec.name())
                .set(LIMIT.LIMIT, spec.limit())
                .set(LIMIT.ACTIVE_SLOTS, spec.activeSlots())
                .set(LIMIT.DENIED_SLOTS, spec.deniedSlots())
                .set(LIMIT.SLOT_DECAY_PER_SECOND, spec.slotDecayPerSecond())
                .set(LIMIT.AVG_SLOT_OCCUPANCY_SECONDS, ConcurrencyLimitV2.DEFAULT_AVG_SLOT_OCCUPANCY_SECONDS)
                .execute();
        return new ConcurrencyLimitV2(id, now, now, spec.active(), spec.name(), spec.limit(), spec.activeSlots(),
                spec.deniedSlots(), spec.slotDecayPerSecond(), ConcurrencyLimitV2.DEFAULT_AVG_SLOT_OCCUPANCY_SECONDS);
    }

    /**
     * Applies a partial update. Moving {@code updated} restarts the decay clock, so the decay accrued so far is
     * written into the slot counts at the same time (unless the patch sets them).
     */
    boolean update(UUID id, LimitPatch patch, Instant now) {
        Map<Field<?>, Object> changes = new HashMap<>();
        changes.put(LIMIT.ACTIVE_SLOTS, patch.activeSlots() != null ? DSL.val(patch.activeSlots()) : activeAfterDecay(LIMIT, now));
        changes.put(LIMIT.DENIED_SLOTS, patch.deniedSlots() != null ? DSL.val(patch.deniedSlots()) : deniedAfterDecay(LIMIT, now));
        if (patch.active() != null) {
            changes.put(LIMIT.ACTIVE, patch.active());
        }
        if (patch.name() != null) {
            changes.put(LIMIT.NAME, patch.name());
        }
        if (patch.limit() != null) {
            changes.put(LIMIT.LIMIT, patch.limit());
        }
        if (patch.slotDecayPerSecond() != null) {
            changes.put(LIMIT.SLOT_DECAY_PER_SECOND, patch.slotDecayPerSecond());
        }
        changes.put(LIMIT.UPDATED, now);
        return dsl.update(LIMIT.table()).set(changes).where(LIMIT.ID.eq(id)).execute() == 1;
    }

    boolean delete(UUID id) {
        return dsl.deleteFrom(LIMIT.table()).where(LIMIT.ID.eq(id)).execute() == 1;
    }

    void setActiveSlots(UUID id, int activeSlots, Instant now) {
        dsl.update(LIMIT.table())
                .set(LIMIT.ACTIVE_SLOTS, activeSlots)
                .set(LIMIT.DENIED_SLOTS, deniedAfterDecay(LIMIT, now))
                .set(LIMIT.UPDATED, now)
                .where(LIMIT.ID.eq(id))
                .execute();
    }

    /**
     * Takes {@code slots} on every limit in {@code ids} (all active) or on none: one conditional UPDATE that only
     * touches rows with room, guarded (for several limits) by a check that every requested limit has room. When
     * a concurrent writer still makes it update only some rows, those are put back before returning false.
     */
    boolean take(List<UUID> ids, int slots, Instant now) {
        if (ids.isEmpty()) {
            return true;
        }
        Field<Integer> active = activeAfterDecay(LIMIT, now);
        Condition where = LIMIT.ID.in(ids).and(LIMIT.ACTIVE.isTrue()).and(active.plus(slots).le(LIMIT.LIMIT));
        if (ids.size() > 1) {
            where = where.andNotExists(DSL.selectOne().from(OTHER.table())
                    .where(OTHER.ID.in(ids))
                    .and(OTHER.ACTIVE.isTrue())
                    .and(activeAfterDecay(OTHER, now).plus(slots).gt(OTHER.LIMIT)));
        }
        List<UUID> taken = dsl.update(LIMIT.table())
                .set(LIMIT.ACTIVE_SLOTS, active.plus(slots))
                .set(LIMIT.DENIED_SLOTS, deniedAfterDecay(LIMIT, now))
                .set(LIMIT.UPDATED, now)
                .where(where)
                .returning(LIMIT.ID)
                .fetch(LIMIT.ID);
        if (taken.size() == ids.size()) {
            return true;
        }
        if (!taken.isEmpty()) {
            dsl.update(LIMIT.table())
                    .set(LIMIT.ACTIVE_SLOTS, greatest(DSL.inline(0), LIMIT.ACTIVE_SLOTS.minus(slots)))
                    .where(LIMIT.ID.in(taken))
                    .execute();
        }
        return false;
    }

    /** Records a refused request: its slots join the denied backlog that drives Retry-After. */
    void addDenied(List<UUID> ids, int slots, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        dsl.update(LIMIT.table())
                .set(LIMIT.ACTIVE_SLOTS, activeAfterDecay(LIMIT, now))
                .set(LIMIT.DENIED_SLOTS, deniedAfterDecay(LIMIT, now).plus(slots))
                .set(LIMIT.UPDATED, now)
                .where(LIMIT.ID.in(ids).and(LIMIT.ACTIVE.isTrue()))
                .execute();
    }

    /**
     * Gives back {@code slots} on the active limits among {@code ids}. A known occupancy moves the average
     * occupancy toward {@code occupancy / slots} (see {@code OccupancyAverage}).
     */
    void release(Collection<UUID> ids, int slots, Double occupancySeconds, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Map<Field<?>, Object> changes = new HashMap<>();
        changes.put(LIMIT.ACTIVE_SLOTS, greatest(DSL.inline(0), activeAfterDecay(LIMIT, now).minus(slots)));
        changes.put(LIMIT.DENIED_SLOTS, deniedAfterDecay(LIMIT, now));
        changes.put(LIMIT.UPDATED, now);
        if (occupancySeconds != null && occupancySeconds > 0 && slots > 0) {
            double perSlot = Math.max(occupancySeconds / slots, SlotDecay.MIN_OCCUPANCY_SECONDS);
            Field<Double> avg = LIMIT.AVG_SLOT_OCCUPANCY_SECONDS;
            Field<Double> weight = DSL.field("(1.0 / ({0} * 2.0))", Double.class, LIMIT.LIMIT);
            changes.put(avg, DSL.when(LIMIT.LIMIT.gt(0),
                    DSL.field("({0} + {1} * {2} - {0} * {2})", Double.class, avg, DSL.val(perSlot), weight))
                    .otherwise(avg));
        }
        dsl.update(LIMIT.table()).set(changes).where(LIMIT.ID.in(ids).and(LIMIT.ACTIVE.isTrue())).execute();
    }

    // ---- decay in SQL --------------------------------------------------------------------------------------

    /** Seconds since the row's {@code updated}, never negative. */
    Field<Double> elapsed(LimitTable t, Instant now) {
        Field<Instant> at = DSL.val(now, LIMIT.UPDATED.getDataType());
        Field<Double> seconds = postgres
                ? DSL.field("extract(epoch from ({0} - {1}))::double precision", Double.class, at, t.UPDATED)
                : DSL.field("((julianday({0}) - julianday({1})) * 86400.0)", Double.class, at, t.UPDATED);
        return greatest(DSL.inline(0.0), seconds);
    }

    Field<Integer> activeAfterDecay(LimitTable t, Instant now) {
        Field<Double> drained = DSL.field("({0} * {1})", Double.class, t.SLOT_DECAY_PER_SECOND, elapsed(t, now));
        return greatest(DSL.inline(0), t.ACTIVE_SLOTS.minus(floorToInt(drained)));
    }

    Field<Integer> deniedAfterDecay(LimitTable t, Instant now) {
        Field<Double> maxWait = DSL.when(t.NAME.startsWith(ConcurrencyLimitV2.TAG_PREFIX),
                        DSL.inline(SlotDecay.TAG_MAX_WAIT_SECONDS))
                .otherwise(DSL.inline(Math.max(SlotDecay.MIN_OCCUPANCY_SECONDS, maxWaitSeconds)));
        Field<Double> occupancy = greatest(DSL.inline(SlotDecay.MIN_OCCUPANCY_SECONDS),
                least(t.AVG_SLOT_OCCUPANCY_SECONDS, maxWait));
        Field<Double> rate = DSL.when(t.SLOT_DECAY_PER_SECOND.gt(0.0), t.SLOT_DECAY_PER_SECOND)
                .otherwise(DSL.field("(1.0 / {0})", Double.class, occupancy));
        Field<Double> drained = DSL.field("({0} * {1})", Double.class, rate, elapsed(t, now));
        return greatest(DSL.inline(0), t.DENIED_SLOTS.minus(floorToInt(drained)));
    }

    private Field<Integer> floorToInt(Field<Double> value) {
        // Values are never negative here, so SQLite's truncating cast is a floor.
        return postgres
                ? DSL.field("cast(floor({0}) as integer)", Integer.class, value)
                : DSL.field("cast({0} as integer)", Integer.class, value);
    }

    private <T> Field<T> greatest(Field<T> a, Field<T> b) {
        return DSL.field(postgres ? "greatest({0}, {1})" : "max({0}, {1})", a.getType(), a, b);
    }

    private <T> Field<T> least(Field<T> a, Field<T> b) {
        return DSL.field(postgres ? "least({0}, {1})" : "min({0}, {1})", a.getType(), a, b);
    }

    // ---- mapping -------------------------------------------------------------------------------------------

    static List<Field<?>> columns() {
        return new ArrayList<>(List.of(LIMIT.ID, LIMIT.CREATED, LIMIT.UPDATED, LIMIT.ACTIVE, LIMIT.NAME, LIMIT.LIMIT,
                LIMIT.ACTIVE_SLOTS, LIMIT.DENIED_SLOTS, LIMIT.SLOT_DECAY_PER_SECOND, LIMIT.AVG_SLOT_OCCUPANCY_SECONDS));
    }

    /** The row as readers see it at {@code now}: decay applied. */
    ConcurrencyLimitV2 map(Record r, Instant now) {
        ConcurrencyLimitV2 stored = new ConcurrencyLimitV2(r.get(LIMIT.ID), r.get(LIMIT.CREATED), r.get(LIMIT.UPDATED),
                Boolean.TRUE.equals(r.get(LIMIT.ACTIVE)), r.get(LIMIT.NAME), r.get(LIMIT.LIMIT),
                r.get(LIMIT.ACTIVE_SLOTS), r.get(LIMIT.DENIED_SLOTS), r.get(LIMIT.SLOT_DECAY_PER_SECOND),
                r.get(LIMIT.AVG_SLOT_OCCUPANCY_SECONDS));
        return stored.decayedAt(now, maxWaitSeconds);
    }
}
