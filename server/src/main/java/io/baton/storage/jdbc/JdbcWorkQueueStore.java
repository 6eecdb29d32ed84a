package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueChanges;
import io.baton.domain.work.WorkQueueSpec;
import io.baton.domain.work.WorkerPoll;
import io.baton.storage.Database;
import io.baton.storage.ObjectConflictException;
import io.baton.storage.ObjectNotFoundException;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
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
import org.jooq.impl.DSL;

public final class JdbcWorkQueueStore implements WorkQueueStore {

    private final Database db;
    private final EventOutbox outbox;

    public JdbcWorkQueueStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcWorkQueueStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public WorkQueue create(String poolName, WorkQueueSpec spec) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            UUID poolId = poolName == null ? WorkQueueRows.defaultAgentPool(dsl, now)
                    : WorkQueueRows.poolId(dsl, poolName).orElseThrow(
                            () -> new ObjectNotFoundException("Work pool \"" + poolName + "\" not found."));
            UUID id = WorkQueueRows.insertQueue(dsl, Ids.uuid4(), poolId, spec, now);
            ObjectEvents.workQueueCreated(dsl, events, id, now);
            return WorkQueueRows.select(dsl).where(WORK_QUEUE.ID.eq(id)).fetchOne(WorkQueueRows::map);
        });
    }

    @Override
    public Optional<WorkQueue> read(UUID id) {
        return db.read(dsl -> WorkQueueRows.select(dsl).where(WORK_QUEUE.ID.eq(id)).fetchOptional(WorkQueueRows::map));
    }

    @Override
    public Optional<WorkQueue> read(String poolName, String queueName) {
        return db.read(dsl -> WorkQueueRows.select(dsl).where(WORK_POOL.NAME.eq(poolName)).and(WORK_QUEUE.NAME.eq(queueName))
                .fetchOptional(WorkQueueRows::map));
    }

    @Override
    public boolean update(UUID id, WorkQueueChanges changes) {
        return outbox.write((dsl, events) -> {
            Record queue = dsl.select(WORK_QUEUE.WORK_POOL_ID, WORK_QUEUE.NAME, WORK_QUEUE.IS_PAUSED, WORK_QUEUE.LAST_POLLED,
                    WORK_QUEUE.PRIORITY, WORK_QUEUE.STATUS).from(WORK_QUEUE.table()).where(WORK_QUEUE.ID.eq(id)).fetchOne();
            if (queue == null) {
                return false;
            }
            UUID poolId = queue.get(WORK_QUEUE.WORK_POOL_ID);
            Instant now = Times.now();
            Map<Field<?>, Object> set = new HashMap<>();
            if (changes.name() != null && changes.name().value() != null
                    && !changes.name().value().equals(queue.get(WORK_QUEUE.NAME))) {
                if (dsl.fetchExists(WORK_QUEUE.table(), WORK_QUEUE.WORK_POOL_ID.eq(poolId)
                        .and(WORK_QUEUE.NAME.eq(changes.name().value())))) {
                    throw new ObjectConflictException("A work queue with this name already exists.");
                }
                set.put(WORK_QUEUE.NAME, changes.name().value());
                // Deployments and runs address their queue by name too.
                dsl.update(DEPLOYMENT.table()).set(DEPLOYMENT.WORK_QUEUE_NAME, changes.name().value())
                        .where(DEPLOYMENT.WORK_QUEUE_ID.eq(id)).execute();
            }
            if (changes.description() != null) {
                set.put(WORK_QUEUE.DESCRIPTION, changes.description().value() == null ? "" : changes.description().value());
            }
            if (changes.concurrencyLimit() != null) {
                set.put(WORK_QUEUE.CONCURRENCY_LIMIT, changes.concurrencyLimit().value());
            }
            if (changes.filter() != null) {
                set.put(WORK_QUEUE.FILTER, changes.filter().value());
            }
            Instant lastPolled = queue.get(WORK_QUEUE.LAST_POLLED);
            if (changes.lastPolled() != null) {
                lastPolled = changes.lastPolled().value();
                set.put(WORK_QUEUE.LAST_POLLED, lastPolled);
            }
            if (changes.priority() != null && changes.priority().value() != null
                    && changes.priority().value() != queue.get(WORK_QUEUE.PRIORITY).intValue()) {
                WorkQueueRows.makeRoom(dsl, poolId, changes.priority().value(), id);
                set.put(WORK_QUEUE.PRIORITY, changes.priority().value());
            }
            if (changes.isPaused() != null && changes.isPaused().value() != null) {
                boolean paused = changes.isPaused().value();
                set.put(WORK_QUEUE.IS_PAUSED, paused);
                set.put(WORK_QUEUE.STATUS, WorkQueue.statusAfterPauseChange(paused, lastPolled, now));
            }
            set.put(WORK_QUEUE.UPDATED, now);
            dsl.update(WORK_QUEUE.table()).set(set).where(WORK_QUEUE.ID.eq(id)).execute();
            Object status = set.get(WORK_QUEUE.STATUS);
            if (status != null && !status.equals(queue.get(WORK_QUEUE.STATUS))) {
                ObjectEvents.workQueueStatus(dsl, events, id, (String) status, now);
            }
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> {
            boolean isDefault = dsl.fetchExists(WORK_POOL.table(), WORK_POOL.DEFAULT_QUEUE_ID.eq(id));
            if (isDefault) {
                throw new ObjectConflictException("Can't delete a pool's default queue.");
            }
            return dsl.deleteFrom(WORK_QUEUE.table()).where(WORK_QUEUE.ID.eq(id)).execute() == 1;
        });
    }

    @Override
    public List<WorkQueue> filter(String poolName, Query query) {
        return db.read(dsl -> WorkQueueRows.select(dsl)
                .where(poolName == null ? DSL.trueCondition() : WORK_POOL.NAME.eq(poolName))
                .and(condition(dsl, query.criterion()))
                .orderBy(WORK_QUEUE.PRIORITY.asc(), WORK_QUEUE.NAME.asc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(WorkQueueRows::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(WORK_QUEUE.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    @Override
    public long lateRuns(UUID queueId, Instant now) {
        return db.read(dsl -> dsl.selectCount().from(FLOW_RUN.table())
                .where(FLOW_RUN.WORK_QUEUE_ID.eq(queueId))
                .and(FLOW_RUN.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED")))
                .and(FLOW_RUN.STATE_NAME.eq("Late").or(FLOW_RUN.NEXT_SCHEDULED_START_TIME.lt(now)))
                .fetchOne(0, Long.class));
    }

    @Override
    public void recordPoll(Collection<UUID> queueIds, Collection<UUID> deploymentIds, Instant now) {
        record(queueIds, deploymentIds.isEmpty() ? DSL.falseCondition() : DEPLOYMENT.ID.in(sorted(deploymentIds)), now);
    }

    @Override
    public void recordQueuePoll(Collection<UUID> queueIds, Instant now) {
        record(queueIds, queueIds.isEmpty() ? DSL.falseCondition() : DEPLOYMENT.WORK_QUEUE_ID.in(sorted(queueIds)), now);
    }

    /**
     * Writes only the stale rows, after a read that finds whether there are any: with many workers polling, most
     * polls change nothing and take no write lock (SQLite's single writer stays free, PostgreSQL rows stay unlocked).
     */
    private void record(Collection<UUID> queueIds, Condition deployments, Instant now) {
        Instant stale = now.minus(WorkerPoll.POLL_REFRESH);
        Field<String> queueStatus = DSL.when(WORK_QUEUE.IS_PAUSED, DSL.inline("PAUSED")).otherwise(DSL.inline("READY"));
        Condition queues = queueIds.isEmpty() ? DSL.falseCondition() : WORK_QUEUE.ID.in(sorted(queueIds))
                .and(WORK_QUEUE.LAST_POLLED.isNull().or(WORK_QUEUE.LAST_POLLED.lt(stale)).or(WORK_QUEUE.STATUS.ne(queueStatus)));
        Condition staleDeployments = deployments.and(DEPLOYMENT.LAST_POLLED.isNull().or(DEPLOYMENT.LAST_POLLED.lt(stale))
                .or(DEPLOYMENT.STATUS.ne(DSL.inline("READY"))));
        boolean due = db.read(dsl -> dsl.fetchExists(WORK_QUEUE.table(), queues)
                || dsl.fetchExists(DEPLOYMENT.table(), staleDeployments));
        if (!due) {
            return;
        }
        outbox.write((dsl, events) -> {
            // Whose status this poll changes: each gets its status event.
            List<Record> queueChanges = queueIds.isEmpty() ? List.of()
                    : dsl.select(WORK_QUEUE.ID, queueStatus).from(WORK_QUEUE.table())
                            .where(queues).and(WORK_QUEUE.STATUS.ne(queueStatus)).fetch().stream()
                            .map(r -> (Record) r).toList();
            List<UUID> readyDeployments = dsl.select(DEPLOYMENT.ID).from(DEPLOYMENT.table())
                    .where(staleDeployments).and(DEPLOYMENT.STATUS.ne(DSL.inline("READY"))).fetch(DEPLOYMENT.ID);
            dsl.update(WORK_QUEUE.table())
                    .set(WORK_QUEUE.LAST_POLLED, now)
                    .set(WORK_QUEUE.STATUS, queueStatus)
                    .set(WORK_QUEUE.UPDATED, now)
                    .where(queues)
                    .execute();
            dsl.update(DEPLOYMENT.table())
                    .set(DEPLOYMENT.LAST_POLLED, now)
                    .set(DEPLOYMENT.STATUS, "READY")
                    .where(staleDeployments)
                    .execute();
            for (Record q : queueChanges) {
                ObjectEvents.workQueueStatus(dsl, events, q.get(WORK_QUEUE.ID), q.get(queueStatus), now);
            }
            for (UUID deploymentId : readyDeployments) {
                ObjectEvents.deploymentStatus(dsl, events, deploymentId, "READY", now);
            }
            return null;
        });
    }

    private static List<UUID> sorted(Collection<UUID> ids) {
        return ids.stream().distinct().sorted().toList();
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.workQueue(WORK_QUEUE));
    }
}
