package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.FlowRunRows.FR;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.RetryType;
import io.baton.domain.state.StateType;
import io.baton.domain.work.SlotUsage;
import io.baton.domain.work.WorkerFlowRun;
import io.baton.domain.work.WorkerPoll;
import io.baton.storage.Database;
import io.baton.storage.ObjectNotFoundException;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.WorkerPollStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Worker and runner polling. A poll reads the pool, its queues and their slot counts, then takes each queue's due
 * runs in start-time order through {@code ix_flow_run__work_queue_id_scheduled_next_start}, so the work per poll
 * grows with what it returns, not with the backlog. On PostgreSQL the candidate rows are taken
 * {@code FOR UPDATE SKIP LOCKED}: concurrent pollers are handed disjoint runs while their polls overlap.
 */
public final class JdbcWorkerPollStore implements WorkerPollStore {

    private static final String SCHEDULED = StateType.SCHEDULED.name();

    private final Database db;
    private final WorkQueueStore queues;

    public JdbcWorkerPollStore(Database db, WorkQueueStore queues) {
        this.db = db;
        this.queues = queues;
    }

    private record QueueRow(UUID id, UUID poolId, String name, boolean paused, Integer limit) {}

    private record Selection(List<WorkerFlowRun> runs, List<UUID> polledQueues) {}

    @Override
    public List<WorkerFlowRun> pollPool(String poolName, WorkerPoll poll, Instant now) {
        Selection selection = selecting(dsl -> selectForPool(dsl, poolName, poll));
        queues.recordQueuePoll(selection.polledQueues(), now);
        return selection.runs();
    }

    @Override
    public Optional<List<FlowRunRecord>> pollQueue(UUID queueId, Instant before, int limit, boolean record, Instant now) {
        Optional<List<FlowRunRecord>> runs = selecting(dsl -> {
            Record q = dsl.select(WORK_QUEUE.ID, WORK_QUEUE.WORK_POOL_ID, WORK_QUEUE.NAME, WORK_QUEUE.IS_PAUSED,
                            WORK_QUEUE.CONCURRENCY_LIMIT, WORK_POOL.IS_PAUSED, WORK_POOL.CONCURRENCY_LIMIT)
                    .from(WORK_QUEUE.table()).join(WORK_POOL.table()).on(WORK_POOL.ID.eq(WORK_QUEUE.WORK_POOL_ID))
                    .where(WORK_QUEUE.ID.eq(queueId)).fetchOne();
            if (q == null) {
                return Optional.<List<FlowRunRecord>>empty();
            }
            if (Boolean.TRUE.equals(q.get(WORK_QUEUE.IS_PAUSED)) || Boolean.TRUE.equals(q.get(WORK_POOL.IS_PAUSED))) {
                return Optional.of(List.<FlowRunRecord>of());
            }
            UUID poolId = q.get(WORK_QUEUE.WORK_POOL_ID);
            Map<UUID, Long> active = activeByQueue(dsl, poolQueueIds(dsl, poolId));
            long poolActive = active.values().stream().mapToLong(Long::longValue).sum();
            int n = Math.min(Math.min(Math.max(0, Math.min(limit, WorkerPoll.MAX_LIMIT)),
                    WorkerPoll.available(q.get(WORK_POOL.CONCURRENCY_LIMIT), poolActive)),
                    WorkerPoll.available(q.get(WORK_QUEUE.CONCURRENCY_LIMIT), active.getOrDefault(queueId, 0L)));
            List<UUID> ids = n == 0 ? List.of() : dueRuns(dsl, queueId, before, null, n);
            return Optional.of(records(dsl, ids));
        });
        if (record && runs.isPresent()) {
            queues.recordQueuePoll(List.of(queueId), now);
        }
        return runs;
    }

    @Override
    public List<FlowRunRecord> pollDeployments(List<UUID> deploymentIds, Instant before, int limit, Instant now) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        List<FlowRunRecord> runs = db.read(dsl -> FlowRunRows.select(dsl)
                .where(FR.DEPLOYMENT_ID.in(deploymentIds))
                .and(FR.STATE_TYPE.eq(Sql.stateLiteral(SCHEDULED)))
                .and(before == null ? DSL.noCondition() : FR.NEXT_SCHEDULED_START_TIME.le(before))
                .orderBy(FR.NEXT_SCHEDULED_START_TIME.asc())
                .limit(Math.max(0, Math.min(limit, WorkerPoll.MAX_LIMIT)))
                .fetch(FlowRunRows::map));
        queues.recordPoll(List.of(), deploymentIds, now);
        return runs;
    }

    @Override
    public Optional<SlotUsage.Pool> poolSlots(String poolName, int offset, int limit, int runsPerQueue) {
        return db.read(dsl -> {
            Record pool = dsl.select(WORK_POOL.ID, WORK_POOL.CONCURRENCY_LIMIT).from(WORK_POOL.table())
                    .where(WORK_POOL.NAME.eq(poolName)).fetchOne();
            if (pool == null) {
                return Optional.<SlotUsage.Pool>empty();
            }
            UUID poolId = pool.get(WORK_POOL.ID);
            List<QueueRow> all = queueRows(dsl, poolId);
            Map<UUID, Long> active = activeByQueue(dsl, all.stream().map(QueueRow::id).toList());
            List<SlotUsage.Queue> page = new ArrayList<>();
            for (QueueRow q : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) {
                long count = active.getOrDefault(q.id(), 0L);
                page.add(new SlotUsage.Queue(q.id(), q.name(), count, q.limit(), holders(dsl, q.id(), 0, runsPerQueue), count));
            }
            long poolActive = active.values().stream().mapToLong(Long::longValue).sum();
            return Optional.of(new SlotUsage.Pool(poolActive, pool.get(WORK_POOL.CONCURRENCY_LIMIT), page, all.size()));
        });
    }

    @Override
    public Optional<SlotUsage.Queue> queueSlots(UUID queueId, int offset, int limit) {
        return db.read(dsl -> {
            Record q = dsl.select(WORK_QUEUE.NAME, WORK_QUEUE.CONCURRENCY_LIMIT).from(WORK_QUEUE.table())
                    .where(WORK_QUEUE.ID.eq(queueId)).fetchOne();
            if (q == null) {
                return Optional.<SlotUsage.Queue>empty();
            }
            long count = activeByQueue(dsl, List.of(queueId)).getOrDefault(queueId, 0L);
            return Optional.of(new SlotUsage.Queue(queueId, q.get(WORK_QUEUE.NAME), count,
                    q.get(WORK_QUEUE.CONCURRENCY_LIMIT), holders(dsl, queueId, offset, limit), count));
        });
    }

    /**
     * Runs the selection where it can lock: SQLite's readers see a consistent snapshot and its single writer
     * serializes the proposals that follow, while PostgreSQL takes the candidates with SKIP LOCKED in a transaction.
     */
    private <T> T selecting(Function<DSLContext, T> work) {
        return db.isSqlite() ? db.read(work) : db.write(work);
    }

    private Selection selectForPool(DSLContext dsl, String poolName, WorkerPoll poll) {
        Record pool = dsl.select(WORK_POOL.ID, WORK_POOL.IS_PAUSED, WORK_POOL.CONCURRENCY_LIMIT).from(WORK_POOL.table())
                .where(WORK_POOL.NAME.eq(poolName)).fetchOne();
        if (pool == null) {
            throw new ObjectNotFoundException("Work pool \"" + poolName + "\" not found.");
        }
        UUID poolId = pool.get(WORK_POOL.ID);
        List<QueueRow> all = queueRows(dsl, poolId);
        List<QueueRow> polled = new ArrayList<>();
        if (poll.queueNames().isEmpty()) {
            polled.addAll(all);
        } else {
            for (QueueRow q : all) {
                if (poll.queueNames().contains(q.name())) {
                    polled.add(q);
                }
            }
            for (String name : poll.queueNames()) {
                if (polled.stream().noneMatch(q -> q.name().equals(name))) {
                    throw new ObjectNotFoundException("Work pool queue '" + poolName + "/" + name + "' not found.");
                }
            }
        }
        List<UUID> polledIds = polled.stream().map(QueueRow::id).toList();
        if (Boolean.TRUE.equals(pool.get(WORK_POOL.IS_PAUSED)) || poll.limit() == 0) {
            return new Selection(List.of(), polledIds);
        }
        Map<UUID, Long> active = activeByQueue(dsl, all.stream().map(QueueRow::id).toList());
        long poolActive = active.values().stream().mapToLong(Long::longValue).sum();
        int remaining = Math.min(poll.limit(), WorkerPoll.available(pool.get(WORK_POOL.CONCURRENCY_LIMIT), poolActive));
        // Queues come in priority order: filling each in turn is the pool-wide order (priority, start time).
        List<UUID> ids = new ArrayList<>();
        Map<UUID, UUID> queueOf = new HashMap<>();
        for (QueueRow q : polled) {
            if (remaining == 0) {
                break;
            }
            int n = Math.min(remaining, WorkerPoll.available(q.limit(), active.getOrDefault(q.id(), 0L)));
            if (q.paused() || n == 0) {
                continue;
            }
            List<UUID> due = dueRuns(dsl, q.id(), poll.before(), poll.after(), n);
            for (UUID id : due) {
                ids.add(id);
                queueOf.put(id, q.id());
            }
            remaining -= due.size();
        }
        List<WorkerFlowRun> runs = new ArrayList<>();
        for (FlowRunRecord r : records(dsl, ids, true)) {
            runs.add(new WorkerFlowRun(poolId, queueOf.get(r.id()), r));
        }
        return new Selection(runs, polledIds);
    }

    private static List<QueueRow> queueRows(DSLContext dsl, UUID poolId) {
        return dsl.select(WORK_QUEUE.ID, WORK_QUEUE.WORK_POOL_ID, WORK_QUEUE.NAME, WORK_QUEUE.IS_PAUSED,
                        WORK_QUEUE.CONCURRENCY_LIMIT)
                .from(WORK_QUEUE.table()).where(WORK_QUEUE.WORK_POOL_ID.eq(poolId))
                .orderBy(WORK_QUEUE.PRIORITY.asc(), WORK_QUEUE.NAME.asc())
                .fetch(r -> new QueueRow(r.get(WORK_QUEUE.ID), r.get(WORK_QUEUE.WORK_POOL_ID), r.get(WORK_QUEUE.NAME),
                        Boolean.TRUE.equals(r.get(WORK_QUEUE.IS_PAUSED)), r.get(WORK_QUEUE.CONCURRENCY_LIMIT)));
    }

    private static List<UUID> poolQueueIds(DSLContext dsl, UUID poolId) {
        return dsl.select(WORK_QUEUE.ID).from(WORK_QUEUE.table()).where(WORK_QUEUE.WORK_POOL_ID.eq(poolId)).fetch(WORK_QUEUE.ID);
    }

    /** Slot-holding runs per queue, counted through the partial index on PENDING/RUNNING runs. */
    private static Map<UUID, Long> activeByQueue(DSLContext dsl, Collection<UUID> queueIds) {
        Map<UUID, Long> out = new HashMap<>();
        if (queueIds.isEmpty()) {
            return out;
        }
        var count = DSL.count();
        dsl.select(FR.WORK_QUEUE_ID, count).from(FR.table())
                .where(FR.WORK_QUEUE_ID.in(queueIds)).and(FR.STATE_TYPE.in(Sql.stateLiterals(SlotUsage.SLOT_STATES)))
                .groupBy(FR.WORK_QUEUE_ID)
                .forEach(r -> out.put(r.get(FR.WORK_QUEUE_ID), r.get(count).longValue()));
        return out;
    }

    /** Up to {@code limit} due runs of one queue, earliest first; in-process retries belong to their running engine. */
    private static List<UUID> dueRuns(DSLContext dsl, UUID queueId, Instant before, Instant after, int limit) {
        Condition notRetryingInProcess = DSL.coalesce(SqlFunctions.jsonText(dsl.dialect(), FR.EMPIRICAL_POLICY, "retry_type"),
                DSL.inline("")).ne(DSL.inline(RetryType.IN_PROCESS.wire()));
        var query = dsl.select(FR.ID).from(FR.table())
                .where(FR.WORK_QUEUE_ID.eq(queueId))
                .and(FR.STATE_TYPE.eq(Sql.stateLiteral(SCHEDULED)))
                .and(before == null ? DSL.noCondition() : FR.NEXT_SCHEDULED_START_TIME.le(before))
                .and(after == null ? DSL.noCondition() : FR.NEXT_SCHEDULED_START_TIME.ge(after))
                .and(notRetryingInProcess)
                .orderBy(FR.NEXT_SCHEDULED_START_TIME.asc())
                .limit(limit);
        return dsl.dialect() == SQLDialect.POSTGRES ? query.forUpdate().skipLocked().fetch(FR.ID) : query.fetch(FR.ID);
    }

    /** The full rows of {@code ids}, in that order. */
    private static List<FlowRunRecord> records(DSLContext dsl, List<UUID> ids) {
        return records(dsl, ids, false);
    }

    /**
     * With {@code storedQueueName}, {@code work_queue_name} is the run's own column (null for scheduler-made runs),
     * as the worker's {@code FlowRun} carries it, rather than the name of the queue it resolves to.
     */
    private static List<FlowRunRecord> records(DSLContext dsl, List<UUID> ids, boolean storedQueueName) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, FlowRunRecord> byId = new HashMap<>();
        FlowRunRows.select(dsl).where(FR.ID.in(ids)).forEach(r -> {
            FlowRunRecord m = FlowRunRows.map(r);
            if (storedQueueName) {
                m = new FlowRunRecord(m.run(), m.created(), m.updated(), m.name(), m.deploymentVersion(), m.workQueueId(),
                        r.get(FR.WORK_QUEUE_NAME), m.flowVersion(), m.parameters(), m.idempotencyKey(), m.context(),
                        m.tags(), m.labels(), m.createdBy(), m.jobVariables(), m.infrastructureDocumentId(),
                        m.autoScheduled(), m.workPoolId(), m.workPoolName(), null);
            }
            byId.put(r.get(FR.ID), m);
        });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static List<SlotUsage.Holder> holders(DSLContext dsl, UUID queueId, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return dsl.select(FR.ID, FR.NAME, FR.STATE_TYPE, FR.STATE_NAME, FR.START_TIME, FR.STATE_TIMESTAMP)
                .from(FR.table())
                .where(FR.WORK_QUEUE_ID.eq(queueId)).and(FR.STATE_TYPE.in(Sql.stateLiterals(SlotUsage.SLOT_STATES)))
                .orderBy(FR.STATE_TIMESTAMP.asc(), FR.ID.asc())
                .limit(limit).offset(offset)
                .fetch(r -> new SlotUsage.Holder(r.get(FR.ID), r.get(FR.NAME), r.get(FR.STATE_TYPE), r.get(FR.STATE_NAME),
                        r.get(FR.START_TIME), r.get(FR.STATE_TIMESTAMP)));
    }
}
