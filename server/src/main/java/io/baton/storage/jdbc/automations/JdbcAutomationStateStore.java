package io.baton.storage.jdbc.automations;

import static io.baton.storage.jdbc.tables.AutomationStateTables.AUTOMATION_BUCKET;
import static io.baton.storage.jdbc.tables.AutomationStateTables.CHILD_FIRING;
import static io.baton.storage.jdbc.tables.AutomationStateTables.PENDING_ACTION;
import static io.baton.storage.jdbc.tables.SmallObjectTables.AUTOMATION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.automation.PendingAction;
import io.baton.domain.automation.trigger.Bucket;
import io.baton.domain.automation.trigger.Firing;
import io.baton.json.Json;
import io.baton.storage.AutomationStateStore;
import io.baton.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Buckets, child firings and pending actions on SQLite (one writer: transactions are already serial) and
 * PostgreSQL (transaction-scoped advisory locks serialise replicas on one bucket or composite trigger; pending
 * actions are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease).
 */
public final class JdbcAutomationStateStore implements AutomationStateStore {

    private final Database db;
    private final Clock clock;

    public JdbcAutomationStateStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public <T> T transact(Function<Tx, T> work) {
        return db.write(dsl -> work.apply(new JdbcTx(dsl)));
    }

    @Override
    public boolean transactAlone(String lockName, Consumer<Tx> work) {
        return db.write(dsl -> {
            if (postgres(dsl) && !Boolean.TRUE.equals(dsl.fetchValue(
                    "select pg_try_advisory_xact_lock(hashtextextended(?, 0))", lockName))) {
                return false;
            }
            work.accept(new JdbcTx(dsl));
            return true;
        });
    }

    @Override
    public List<PendingAction> claimActions(int limit, Duration lease) {
        return db.write(dsl -> {
            Instant now = clock.instant();
            var select = dsl.select(PENDING_ACTION.ID, PENDING_ACTION.AUTOMATION_ID, PENDING_ACTION.ACTION_INDEX,
                            PENDING_ACTION.ACTION, PENDING_ACTION.FIRING)
                    .from(PENDING_ACTION.table())
                    .where(PENDING_ACTION.CLAIMED_UNTIL.isNull().or(PENDING_ACTION.CLAIMED_UNTIL.lt(now)))
                    .orderBy(PENDING_ACTION.CREATED, PENDING_ACTION.ACTION_INDEX)
                    .limit(limit);
            List<PendingAction> claimed = (postgres(dsl) ? select.forUpdate().skipLocked() : select)
                    .fetch(r -> new PendingAction(r.get(PENDING_ACTION.ID), r.get(PENDING_ACTION.AUTOMATION_ID),
                            r.get(PENDING_ACTION.ACTION_INDEX), r.get(PENDING_ACTION.ACTION),
                            r.get(PENDING_ACTION.FIRING)));
            if (!claimed.isEmpty()) {
                dsl.update(PENDING_ACTION.table()).set(PENDING_ACTION.CLAIMED_UNTIL, now.plus(lease))
                        .set(PENDING_ACTION.UPDATED, now)
                        .where(PENDING_ACTION.ID.in(claimed.stream().map(PendingAction::id).toList())).execute();
            }
            return claimed;
        });
    }

    @Override
    public void completeAction(UUID id) {
        db.writeVoid(dsl -> dsl.deleteFrom(PENDING_ACTION.table()).where(PENDING_ACTION.ID.eq(id)).execute());
    }

    @Override
    public String automationsMarker() {
        return db.read(dsl -> {
            Record r = dsl.select(DSL.count(), DSL.max(AUTOMATION.UPDATED)).from(AUTOMATION.table()).fetchOne();
            return r.get(0) + "/" + r.get(1);
        });
    }

    private static boolean postgres(DSLContext dsl) {
        return dsl.dialect() == SQLDialect.POSTGRES;
    }

    private final class JdbcTx implements Tx {

        private final DSLContext dsl;

        JdbcTx(DSLContext dsl) {
            this.dsl = dsl;
        }

        private void lock(String name) {
            if (postgres(dsl)) {
                dsl.fetch("select pg_advisory_xact_lock(hashtextextended(?, 0))", name);
            }
        }

        @Override
        public void lockInOrder(List<String> names) {
            names.forEach(this::lock);
        }

        @Override
        public Optional<Bucket> lockBucket(UUID automationId, UUID triggerId, List<String> key) {
            String keyText = Json.write(key);
            lock(AutomationStateStore.bucketLock(automationId, triggerId, keyText));
            return buckets(automationId, triggerId).and(AUTOMATION_BUCKET.BUCKETING_KEY.eq(keyText))
                    .fetchOptional(JdbcAutomationStateStore::bucket);
        }

        private org.jooq.SelectConditionStep<org.jooq.Record5<String, Instant, Instant, Integer, JsonNode>> buckets(
                UUID automationId, UUID triggerId) {
            return dsl.select(AUTOMATION_BUCKET.BUCKETING_KEY, AUTOMATION_BUCKET.START, AUTOMATION_BUCKET.END,
                            AUTOMATION_BUCKET.COUNT, AUTOMATION_BUCKET.LAST_EVENT)
                    .from(AUTOMATION_BUCKET.table())
                    .where(AUTOMATION_BUCKET.AUTOMATION_ID.eq(automationId))
                    .and(AUTOMATION_BUCKET.TRIGGER_ID.eq(triggerId));
        }

        @Override
        public void saveBucket(UUID automationId, UUID triggerId, List<String> key, Bucket bucket) {
            String keyText = Json.write(key);
            if (bucket == null) {
                dsl.deleteFrom(AUTOMATION_BUCKET.table())
                        .where(AUTOMATION_BUCKET.AUTOMATION_ID.eq(automationId))
                        .and(AUTOMATION_BUCKET.TRIGGER_ID.eq(triggerId))
                        .and(AUTOMATION_BUCKET.BUCKETING_KEY.eq(keyText)).execute();
                return;
            }
            Instant now = clock.instant();
            insertBucket(automationId, triggerId, bucket, now)
                    .onConflict(unqualified(AUTOMATION_BUCKET.AUTOMATION_ID), unqualified(AUTOMATION_BUCKET.TRIGGER_ID),
                            unqualified(AUTOMATION_BUCKET.BUCKETING_KEY))
                    .doUpdate()
                    .set(unqualified(AUTOMATION_BUCKET.UPDATED), now)
                    .set(unqualified(AUTOMATION_BUCKET.START), bucket.start())
                    .set(unqualified(AUTOMATION_BUCKET.END), bucket.end())
                    .set(unqualified(AUTOMATION_BUCKET.COUNT), bucket.count())
                    .set(unqualified(AUTOMATION_BUCKET.LAST_EVENT), bucket.lastEvent())
                    .execute();
        }

        @Override
        public List<Bucket> closedBuckets(UUID automationId, UUID triggerId, Instant now) {
            var select = buckets(automationId, triggerId).and(AUTOMATION_BUCKET.END.le(now))
                    .orderBy(AUTOMATION_BUCKET.END).limit(1000);
            return select.fetch(JdbcAutomationStateStore::bucket);
        }

        @Override
        public void ensureBucket(UUID automationId, UUID triggerId, Bucket bucket) {
            insertBucket(automationId, triggerId, bucket, clock.instant())
                    .onConflictDoNothing()
                    .execute();
        }

        private org.jooq.InsertSetMoreStep<Record> insertBucket(UUID automationId, UUID triggerId, Bucket bucket,
                                                                Instant now) {
            return dsl.insertInto(AUTOMATION_BUCKET.table())
                    .set(AUTOMATION_BUCKET.ID, Ids.uuid7(now))
                    .set(AUTOMATION_BUCKET.CREATED, now)
                    .set(AUTOMATION_BUCKET.UPDATED, now)
                    .set(AUTOMATION_BUCKET.AUTOMATION_ID, automationId)
                    .set(AUTOMATION_BUCKET.TRIGGER_ID, triggerId)
                    .set(AUTOMATION_BUCKET.BUCKETING_KEY, Json.write(bucket.key()))
                    .set(AUTOMATION_BUCKET.START, bucket.start())
                    .set(AUTOMATION_BUCKET.END, bucket.end())
                    .set(AUTOMATION_BUCKET.COUNT, bucket.count())
                    .set(AUTOMATION_BUCKET.LAST_EVENT, bucket.lastEvent());
        }

        @Override
        public Map<UUID, Firing> lockChildFirings(UUID automationId, UUID parentTriggerId) {
            lock(AutomationStateStore.compositeLock(automationId, parentTriggerId));
            Map<UUID, Firing> out = new LinkedHashMap<>();
            dsl.select(CHILD_FIRING.CHILD_TRIGGER_ID, CHILD_FIRING.CHILD_FIRING).from(CHILD_FIRING.table())
                    .where(CHILD_FIRING.AUTOMATION_ID.eq(automationId))
                    .and(CHILD_FIRING.PARENT_TRIGGER_ID.eq(parentTriggerId))
                    .orderBy(CHILD_FIRING.CHILD_FIRED_AT)
                    .forEach(r -> out.put(r.get(CHILD_FIRING.CHILD_TRIGGER_ID), firing(r.get(CHILD_FIRING.CHILD_FIRING))));
            return out;
        }

        @Override
        public void replaceChildFirings(UUID automationId, UUID parentTriggerId, Map<UUID, Firing> firings) {
            dsl.deleteFrom(CHILD_FIRING.table()).where(CHILD_FIRING.AUTOMATION_ID.eq(automationId))
                    .and(CHILD_FIRING.PARENT_TRIGGER_ID.eq(parentTriggerId)).execute();
            Instant now = clock.instant();
            firings.forEach((child, f) -> dsl.insertInto(CHILD_FIRING.table())
                    .set(CHILD_FIRING.ID, Ids.uuid7(now))
                    .set(CHILD_FIRING.CREATED, now)
                    .set(CHILD_FIRING.UPDATED, now)
                    .set(CHILD_FIRING.AUTOMATION_ID, automationId)
                    .set(CHILD_FIRING.PARENT_TRIGGER_ID, parentTriggerId)
                    .set(CHILD_FIRING.CHILD_TRIGGER_ID, child)
                    .set(CHILD_FIRING.CHILD_FIRING_ID, f.id())
                    .set(CHILD_FIRING.CHILD_FIRED_AT, f.triggered())
                    .set(CHILD_FIRING.CHILD_FIRING, firingJson(f))
                    .execute());
        }

        @Override
        public void enqueue(List<PendingAction> actions) {
            Instant now = clock.instant();
            for (PendingAction a : actions) {
                dsl.insertInto(PENDING_ACTION.table())
                        .set(PENDING_ACTION.ID, a.id())
                        .set(PENDING_ACTION.CREATED, now)
                        .set(PENDING_ACTION.UPDATED, now)
                        .set(PENDING_ACTION.AUTOMATION_ID, a.automationId())
                        .set(PENDING_ACTION.ACTION_INDEX, a.actionIndex())
                        .set(PENDING_ACTION.ACTION, a.action())
                        .set(PENDING_ACTION.FIRING, a.firing())
                        .execute();
            }
        }
    }

    private static <T> org.jooq.Field<T> unqualified(org.jooq.Field<T> field) {
        return DSL.field(DSL.name(field.getName()), field.getDataType());
    }

    private static Bucket bucket(Record r) {
        List<String> key = new ArrayList<>();
        Json.read(r.get(AUTOMATION_BUCKET.BUCKETING_KEY)).forEach(n -> key.add(n.asText()));
        return new Bucket(key, r.get(AUTOMATION_BUCKET.START), r.get(AUTOMATION_BUCKET.END),
                r.get(AUTOMATION_BUCKET.COUNT), r.get(AUTOMATION_BUCKET.LAST_EVENT));
    }

    static JsonNode firingJson(Firing f) {
        ObjectNode o = Json.object();
        o.put("id", f.id().toString());
        o.put("trigger_id", f.triggerId().toString());
        o.put("triggered", Json.timestamp(f.triggered()));
        ObjectNode labels = o.putObject("triggering_labels");
        f.triggeringLabels().forEach(labels::put);
        o.set("triggering_event", f.triggeringEvent());
        return o;
    }

    static Firing firing(JsonNode o) {
        Map<String, String> labels = new LinkedHashMap<>();
        o.path("triggering_labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode event = o.get("triggering_event");
        return new Firing(UUID.fromString(o.get("id").asText()), UUID.fromString(o.get("trigger_id").asText()),
                Instant.parse(o.get("triggered").asText()), labels, event == null || event.isNull() ? null : event);
    }
}
