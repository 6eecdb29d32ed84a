package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;
import static io.baton.storage.jdbc.tables.WorkerTable.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkPool;
import io.baton.domain.work.WorkPoolChanges;
import io.baton.domain.work.Worker;
import io.baton.storage.Database;
import io.baton.storage.WorkPoolStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

public final class JdbcWorkPoolStore implements WorkPoolStore {

    private static final Field<Integer> ACTIVE_SLOTS = DSL.field(DSL.selectCount().from(FLOW_RUN.table())
            .join(WORK_QUEUE.table()).on(WORK_QUEUE.ID.eq(FLOW_RUN.WORK_QUEUE_ID))
            .where(WORK_QUEUE.WORK_POOL_ID.eq(WORK_POOL.ID))
            .and(FLOW_RUN.STATE_TYPE.in("PENDING", "RUNNING", "CANCELLING")));

    private final Database db;
    private final EventOutbox outbox;

    public JdbcWorkPoolStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcWorkPoolStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public WorkPool create(String name, String description, String type, JsonNode baseJobTemplate, boolean isPaused,
            Integer concurrencyLimit, JsonNode storageConfiguration) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            UUID id = WorkQueueRows.insertPool(dsl, name, description, type, baseJobTemplate, isPaused,
                    concurrencyLimit, storageConfiguration, now);
            WorkPool pool = dsl.select(columns()).from(WORK_POOL.table()).where(WORK_POOL.ID.eq(id))
                    .fetchOne(JdbcWorkPoolStore::map);
            // As Prefect: the default queue's creation, the pool's, then the pool's first status.
            ObjectEvents.workQueueCreated(dsl, events, pool.defaultQueueId(), now);
            events.add(ServerEvents.workPoolCreated(new ServerEvents.Pool(id, name, type), pool.defaultQueueId(), now));
            ObjectEvents.workPoolStatus(dsl, events, id, isPaused ? "PAUSED" : "NOT_READY", now);
            return pool;
        });
    }

    @Override
    public Optional<WorkPool> read(String name) {
        return db.read(dsl -> dsl.select(columns()).from(WORK_POOL.table()).where(WORK_POOL.NAME.eq(name))
                .fetchOptional(JdbcWorkPoolStore::map));
    }

    @Override
    public boolean update(String name, WorkPoolChanges changes) {
        return outbox.write((dsl, events) -> {
            Record pool = dsl.select(WORK_POOL.ID, WORK_POOL.IS_PAUSED, WORK_POOL.STATUS).from(WORK_POOL.table())
                    .where(WORK_POOL.NAME.eq(name)).fetchOne();
            if (pool == null) {
                return false;
            }
            Instant now = Times.now();
            Map<Field<?>, Object> set = new HashMap<>();
            if (changes.description() != null) {
                set.put(WORK_POOL.DESCRIPTION, changes.description().value());
            }
            if (changes.baseJobTemplate() != null && changes.baseJobTemplate().value() != null) {
                set.put(WORK_POOL.BASE_JOB_TEMPLATE, changes.baseJobTemplate().value());
            }
            if (changes.concurrencyLimit() != null) {
                set.put(WORK_POOL.CONCURRENCY_LIMIT, changes.concurrencyLimit().value());
            }
            if (changes.storageConfiguration() != null && changes.storageConfiguration().value() != null) {
                set.put(WORK_POOL.STORAGE_CONFIGURATION,
                        WorkQueueRows.storageConfiguration(changes.storageConfiguration().value()));
            }
            if (changes.isPaused() != null && changes.isPaused().value() != null) {
                boolean paused = changes.isPaused().value();
                set.put(WORK_POOL.IS_PAUSED, paused);
                String status = paused ? "PAUSED" : (hasOnlineWorker(dsl, pool.get(WORK_POOL.ID), now) ? "READY" : "NOT_READY");
                if (!status.equals(pool.get(WORK_POOL.STATUS))) {
                    set.put(WORK_POOL.STATUS, status);
                    set.put(WORK_POOL.LAST_TRANSITIONED_STATUS_AT, now);
                }
            }
            set.put(WORK_POOL.UPDATED, now);
            dsl.update(WORK_POOL.table()).set(set).where(WORK_POOL.ID.eq(pool.get(WORK_POOL.ID))).execute();
            if (set.containsKey(WORK_POOL.STATUS)) {
                ObjectEvents.workPoolStatus(dsl, events, pool.get(WORK_POOL.ID), (String) set.get(WORK_POOL.STATUS), now);
            }
            return true;
        });
    }

    private static boolean hasOnlineWorker(DSLContext dsl, UUID poolId, Instant now) {
        return dsl.select(WORKER.LAST_HEARTBEAT_TIME, WORKER.HEARTBEAT_INTERVAL_SECONDS).from(WORKER.table())
                .where(WORKER.WORK_POOL_ID.eq(poolId)).fetch().stream()
                .anyMatch(r -> Worker.status(r.get(WORKER.LAST_HEARTBEAT_TIME), r.get(WORKER.HEARTBEAT_INTERVAL_SECONDS), now)
                        .equals("ONLINE"));
    }

    @Override
    public boolean delete(String name) {
        return db.write(dsl -> {
            UUID id = dsl.select(WORK_POOL.ID).from(WORK_POOL.table()).where(WORK_POOL.NAME.eq(name)).fetchOne(WORK_POOL.ID);
            if (id == null) {
                return false;
            }
            // The pool's reference to its default queue would block the queue cascade.
            dsl.update(WORK_POOL.table()).setNull(WORK_POOL.DEFAULT_QUEUE_ID).where(WORK_POOL.ID.eq(id)).execute();
            dsl.deleteFrom(WORK_QUEUE.table()).where(WORK_QUEUE.WORK_POOL_ID.eq(id)).execute();
            return dsl.deleteFrom(WORK_POOL.table()).where(WORK_POOL.ID.eq(id)).execute() == 1;
        });
    }

    @Override
    public List<WorkPool> filter(Query query) {
        return db.read(dsl -> dsl.select(columns()).from(WORK_POOL.table())
                .where(condition(dsl, query.criterion()))
                .orderBy(WORK_POOL.NAME.asc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(JdbcWorkPoolStore::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(WORK_POOL.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.workPool(WORK_POOL));
    }

    static List<Field<?>> columns() {
        return List.of(WORK_POOL.ID, WORK_POOL.CREATED, WORK_POOL.UPDATED, WORK_POOL.NAME, WORK_POOL.DESCRIPTION,
                WORK_POOL.TYPE, WORK_POOL.BASE_JOB_TEMPLATE, WORK_POOL.IS_PAUSED, WORK_POOL.CONCURRENCY_LIMIT,
                WORK_POOL.STATUS, WORK_POOL.DEFAULT_QUEUE_ID, WORK_POOL.STORAGE_CONFIGURATION, ACTIVE_SLOTS);
    }

    static WorkPool map(Record r) {
        Integer limit = r.get(WORK_POOL.CONCURRENCY_LIMIT);
        boolean paused = Boolean.TRUE.equals(r.get(WORK_POOL.IS_PAUSED));
        return new WorkPool(r.get(WORK_POOL.ID), r.get(WORK_POOL.CREATED), r.get(WORK_POOL.UPDATED), r.get(WORK_POOL.NAME),
                r.get(WORK_POOL.DESCRIPTION), r.get(WORK_POOL.TYPE), r.get(WORK_POOL.BASE_JOB_TEMPLATE), paused, limit,
                paused ? "PAUSED" : r.get(WORK_POOL.STATUS), r.get(WORK_POOL.DEFAULT_QUEUE_ID),
                WorkQueueRows.storageConfiguration(r.get(WORK_POOL.STORAGE_CONFIGURATION)),
                limit == null ? null : r.get(ACTIVE_SLOTS));
    }
}
