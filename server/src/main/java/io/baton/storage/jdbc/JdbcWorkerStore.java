package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;
import static io.baton.storage.jdbc.tables.WorkerTable.WORKER;

import io.baton.domain.Ids;
import io.baton.domain.filter.Query;
import io.baton.domain.work.Worker;
import io.baton.storage.Database;
import io.baton.storage.ObjectNotFoundException;
import io.baton.storage.WorkerStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import io.baton.storage.jdbc.filter.WorkerLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;

public final class JdbcWorkerStore implements WorkerStore {

    private final Database db;

    private final EventOutbox outbox;

    public JdbcWorkerStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcWorkerStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public void heartbeat(String poolName, String workerName, Integer heartbeatIntervalSeconds, Instant now) {
        outbox.write((dsl, events) -> {
            UUID poolId = WorkQueueRows.poolId(dsl, poolName)
                    .orElseThrow(() -> new ObjectNotFoundException("Work pool \"" + poolName + "\" not found."));
            var insert = dsl.insertInto(WORKER.table())
                    .set(WORKER.ID, Ids.uuid4())
                    .set(WORKER.CREATED, now)
                    .set(WORKER.UPDATED, now)
                    .set(WORKER.WORK_POOL_ID, poolId)
                    .set(WORKER.NAME, workerName)
                    .set(WORKER.LAST_HEARTBEAT_TIME, now)
                    .set(WORKER.HEARTBEAT_INTERVAL_SECONDS, heartbeatIntervalSeconds)
                    .set(WORKER.STATUS, "ONLINE")
                    .onConflict(Sql.unqualified(WORKER.WORK_POOL_ID), Sql.unqualified(WORKER.NAME))
                    .doUpdate()
                    .set(Sql.unqualified(WORKER.LAST_HEARTBEAT_TIME), now)
                    .set(Sql.unqualified(WORKER.UPDATED), now)
                    .set(Sql.unqualified(WORKER.STATUS), "ONLINE");
            if (heartbeatIntervalSeconds != null) {
                insert.set(Sql.unqualified(WORKER.HEARTBEAT_INTERVAL_SECONDS), heartbeatIntervalSeconds).execute();
            } else {
                insert.execute();
            }
            if (dsl.update(WORK_POOL.table())
                    .set(WORK_POOL.STATUS, "READY")
                    .set(WORK_POOL.LAST_TRANSITIONED_STATUS_AT, now)
                    .where(WORK_POOL.ID.eq(poolId)).and(WORK_POOL.STATUS.eq("NOT_READY"))
                    .execute() == 1) {
                ObjectEvents.workPoolStatus(dsl, events, poolId, "READY", now);
            }
            return null;
        });
    }

    @Override
    public Optional<List<Worker>> filter(String poolName, Query query, Instant now) {
        return db.read(dsl -> WorkQueueRows.poolId(dsl, poolName).map(poolId -> {
            Condition where = new FilterCompiler(dsl.dialect()).compile(query.criterion(), FilterTargets.worker(WORKER, now));
            return dsl.select(WORKER.ID, WORKER.CREATED, WORKER.UPDATED, WORKER.NAME, WORKER.WORK_POOL_ID,
                            WORKER.LAST_HEARTBEAT_TIME, WORKER.HEARTBEAT_INTERVAL_SECONDS)
                    .from(WORKER.table())
                    .where(WORKER.WORK_POOL_ID.eq(poolId)).and(where)
                    .orderBy(WORKER.LAST_HEARTBEAT_TIME.desc())
                    .limit(query.limit())
                    .offset(query.offset())
                    .fetch(r -> map(r, now));
        }));
    }

    private static Worker map(Record r, Instant now) {
        Instant heartbeat = r.get(WORKER.LAST_HEARTBEAT_TIME);
        Integer interval = r.get(WORKER.HEARTBEAT_INTERVAL_SECONDS);
        return new Worker(r.get(WORKER.ID), r.get(WORKER.CREATED), r.get(WORKER.UPDATED), r.get(WORKER.NAME),
                r.get(WORKER.WORK_POOL_ID), heartbeat, interval, Worker.status(heartbeat, interval, now));
    }

    @Override
    public boolean delete(String poolName, String workerName) {
        return db.write(dsl -> WorkQueueRows.poolId(dsl, poolName)
                .map(poolId -> dsl.deleteFrom(WORKER.table())
                        .where(WORKER.WORK_POOL_ID.eq(poolId)).and(WORKER.NAME.eq(workerName)).execute() == 1)
                .orElse(false));
    }

    @Override
    public int markUnhealthy(Instant now, Duration deploymentPollTimeout, Duration queuePollTimeout) {
        // Each statement is a conditional update returning what it changed, so replicas running the same pass at
        // once agree and each status event is emitted once.
        return outbox.write((dsl, events) -> {
            int changed = dsl.update(WORKER.table())
                    .set(WORKER.STATUS, "OFFLINE")
                    .where(WORKER.STATUS.eq("ONLINE"))
                    .and(WorkerLiveness.online(dsl.dialect(), WORKER, now).not())
                    .execute();
            List<UUID> pools = dsl.update(WORK_POOL.table())
                    .set(WORK_POOL.STATUS, "NOT_READY")
                    .set(WORK_POOL.LAST_TRANSITIONED_STATUS_AT, now)
                    .where(WORK_POOL.STATUS.eq("READY"))
                    .andNotExists(DSL.selectOne().from(WORKER.table()).where(WORKER.WORK_POOL_ID.eq(WORK_POOL.ID))
                            .and(WorkerLiveness.online(dsl.dialect(), WORKER, now)))
                    .returningResult(WORK_POOL.ID).fetch(WORK_POOL.ID);
            pools.forEach(id -> ObjectEvents.workPoolStatus(dsl, events, id, "NOT_READY", now));
            changed += pools.size();
            Instant deploymentCutoff = now.minus(deploymentPollTimeout);
            List<UUID> deployments = dsl.update(DEPLOYMENT.table())
                    .set(DEPLOYMENT.STATUS, "NOT_READY")
                    .where(DEPLOYMENT.STATUS.eq("READY"))
                    .and(DEPLOYMENT.LAST_POLLED.isNotNull()).and(DEPLOYMENT.LAST_POLLED.lt(deploymentCutoff))
                    .andNotExists(DSL.selectOne().from(WORK_QUEUE.table()).where(WORK_QUEUE.ID.eq(DEPLOYMENT.WORK_QUEUE_ID))
                            .and(WORK_QUEUE.LAST_POLLED.ge(deploymentCutoff)))
                    .returningResult(DEPLOYMENT.ID).fetch(DEPLOYMENT.ID);
            deployments.forEach(id -> ObjectEvents.deploymentStatus(dsl, events, id, "NOT_READY", now));
            changed += deployments.size();
            List<UUID> queues = dsl.update(WORK_QUEUE.table())
                    .set(WORK_QUEUE.STATUS, "NOT_READY")
                    .where(WORK_QUEUE.STATUS.eq("READY"))
                    .and(WORK_QUEUE.LAST_POLLED.isNull().or(WORK_QUEUE.LAST_POLLED.lt(now.minus(queuePollTimeout))))
                    .returningResult(WORK_QUEUE.ID).fetch(WORK_QUEUE.ID);
            queues.forEach(id -> ObjectEvents.workQueueStatus(dsl, events, id, "NOT_READY", now));
            changed += queues.size();
            return changed;
        });
    }
}
