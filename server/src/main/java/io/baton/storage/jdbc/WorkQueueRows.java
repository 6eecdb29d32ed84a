package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.work.WorkPool;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueSpec;
import io.baton.json.Json;
import io.baton.storage.ObjectConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Queue and pool row operations shared by the pool, queue and deployment stores, always inside the caller's
 * transaction: queue creation with priority re-numbering, default queues and the legacy agent pool.
 */
final class WorkQueueRows {

    private WorkQueueRows() {}

    static final Field<Integer> ACTIVE_SLOTS = DSL.field(DSL.selectCount().from(FLOW_RUN.table())
            .where(FLOW_RUN.WORK_QUEUE_ID.eq(WORK_QUEUE.ID))
            .and(FLOW_RUN.STATE_TYPE.in("PENDING", "RUNNING", "CANCELLING")));

    static List<Field<?>> columns() {
        return List.of(WORK_QUEUE.ID, WORK_QUEUE.CREATED, WORK_QUEUE.UPDATED, WORK_QUEUE.NAME, WORK_QUEUE.DESCRIPTION,
                WORK_QUEUE.IS_PAUSED, WORK_QUEUE.CONCURRENCY_LIMIT, WORK_QUEUE.PRIORITY, WORK_QUEUE.WORK_POOL_ID,
                WORK_QUEUE.FILTER, WORK_QUEUE.LAST_POLLED, WORK_POOL.NAME, WORK_QUEUE.STATUS, ACTIVE_SLOTS);
    }

    static SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(columns()).from(WORK_QUEUE.table()).join(WORK_POOL.table()).on(WORK_POOL.ID.eq(WORK_QUEUE.WORK_POOL_ID));
    }

    static WorkQueue map(Record r) {
        Integer limit = r.get(WORK_QUEUE.CONCURRENCY_LIMIT);
        return new WorkQueue(r.get(WORK_QUEUE.ID), r.get(WORK_QUEUE.CREATED), r.get(WORK_QUEUE.UPDATED),
                r.get(WORK_QUEUE.NAME), r.get(WORK_QUEUE.DESCRIPTION), Boolean.TRUE.equals(r.get(WORK_QUEUE.IS_PAUSED)),
                limit, r.get(WORK_QUEUE.PRIORITY), r.get(WORK_QUEUE.WORK_POOL_ID), r.get(WORK_QUEUE.FILTER),
                r.get(WORK_QUEUE.LAST_POLLED), r.get(WORK_POOL.NAME), r.get(WORK_QUEUE.STATUS),
                limit == null ? null : r.get(ACTIVE_SLOTS));
    }

    static Optional<UUID> poolId(DSLContext dsl, String poolName) {
        return dsl.select(WORK_POOL.ID).from(WORK_POOL.table()).where(WORK_POOL.NAME.eq(poolName)).fetchOptional(WORK_POOL.ID);
    }

    /**
     * Inserts a pool and its default queue (priority 1); the pool's {@code default_queue_id} points at it.
     *
     * @throws ObjectConflictException when the name is taken
     */
    static UUID insertPool(DSLContext dsl, String name, String description, String type, JsonNode baseJobTemplate,
            boolean isPaused, Integer concurrencyLimit, JsonNode storageConfiguration, Instant now) {
        UUID poolId = Ids.uuid4();
        UUID queueId = Ids.uuid4();
        int inserted = dsl.insertInto(WORK_POOL.table())
                .set(WORK_POOL.ID, poolId)
                .set(WORK_POOL.CREATED, now)
                .set(WORK_POOL.UPDATED, now)
                .set(WORK_POOL.NAME, name)
                .set(WORK_POOL.DESCRIPTION, description)
                .set(WORK_POOL.TYPE, type)
                .set(WORK_POOL.BASE_JOB_TEMPLATE, baseJobTemplate == null ? Json.object() : baseJobTemplate)
                .set(WORK_POOL.IS_PAUSED, isPaused)
                .set(WORK_POOL.CONCURRENCY_LIMIT, concurrencyLimit)
                .set(WORK_POOL.STATUS, isPaused ? "PAUSED" : "NOT_READY")
                .set(WORK_POOL.STORAGE_CONFIGURATION, storageConfiguration(storageConfiguration))
                .onConflict(Sql.unqualified(WORK_POOL.NAME))
                .doNothing()
                .execute();
        if (inserted == 0) {
            throw new ObjectConflictException("A work pool with this name already exists.");
        }
        insertQueue(dsl, queueId, poolId, new WorkQueueSpec(WorkPool.DEFAULT_QUEUE, WorkPool.DEFAULT_QUEUE_DESCRIPTION,
                false, null, 1, null), now);
        dsl.update(WORK_POOL.table()).set(WORK_POOL.DEFAULT_QUEUE_ID, queueId).where(WORK_POOL.ID.eq(poolId)).execute();
        return poolId;
    }

    /** The storage configuration with every key present, as the API returns it. */
    static JsonNode storageConfiguration(JsonNode given) {
        var out = Json.object();
        out.putNull("bundle_upload_step");
        out.putNull("bundle_execution_step");
        out.putNull("default_result_storage_block_id");
        if (given != null && given.isObject()) {
            out.setAll((com.fasterxml.jackson.databind.node.ObjectNode) given.deepCopy());
        }
        return out;
    }

    /** The legacy pool that hosts queues created without a pool, created on first use. */
    static UUID defaultAgentPool(DSLContext dsl, Instant now) {
        return poolId(dsl, WorkPool.DEFAULT_AGENT_POOL).orElseGet(() -> {
            try {
                return insertPool(dsl, WorkPool.DEFAULT_AGENT_POOL, null, WorkPool.DEFAULT_AGENT_POOL_TYPE, null,
                        false, null, null, now);
            } catch (ObjectConflictException raced) {
                return poolId(dsl, WorkPool.DEFAULT_AGENT_POOL).orElseThrow();
            }
        });
    }

    /**
     * Inserts a queue. A null priority places it after the pool's last queue; a taken priority shifts that
     * queue and every later one down by one, so priorities stay unique.
     *
     * @throws ObjectConflictException when the pool already has a queue of that name
     */
    static UUID insertQueue(DSLContext dsl, UUID queueId, UUID poolId, WorkQueueSpec spec, Instant now) {
        boolean exists = dsl.fetchExists(WORK_QUEUE.table(), WORK_QUEUE.WORK_POOL_ID.eq(poolId).and(WORK_QUEUE.NAME.eq(spec.name())));
        if (exists) {
            throw new ObjectConflictException("A work queue with this name already exists.");
        }
        int priority;
        if (spec.priority() == null) {
            Integer max = dsl.select(DSL.max(WORK_QUEUE.PRIORITY)).from(WORK_QUEUE.table())
                    .where(WORK_QUEUE.WORK_POOL_ID.eq(poolId)).fetchOne(0, Integer.class);
            priority = max == null ? 1 : max + 1;
        } else {
            priority = spec.priority();
            makeRoom(dsl, poolId, priority, null);
        }
        dsl.insertInto(WORK_QUEUE.table())
                .set(WORK_QUEUE.ID, queueId)
                .set(WORK_QUEUE.CREATED, now)
                .set(WORK_QUEUE.UPDATED, now)
                .set(WORK_QUEUE.NAME, spec.name())
                .set(WORK_QUEUE.WORK_POOL_ID, poolId)
                .set(WORK_QUEUE.FILTER, spec.filter())
                .set(WORK_QUEUE.DESCRIPTION, spec.description() == null ? "" : spec.description())
                .set(WORK_QUEUE.IS_PAUSED, spec.isPaused())
                .set(WORK_QUEUE.CONCURRENCY_LIMIT, spec.concurrencyLimit())
                .set(WORK_QUEUE.PRIORITY, priority)
                .set(WORK_QUEUE.STATUS, spec.isPaused() ? "PAUSED" : "NOT_READY")
                .execute();
        return queueId;
    }

    /**
     * Frees {@code priority} in the pool: when another queue holds it, that queue and the queues right after
     * it (up to the first gap) move down by one, which is the fewest moves that keep priorities unique.
     */
    static void makeRoom(DSLContext dsl, UUID poolId, int priority, UUID movingQueue) {
        List<Record> rows = dsl.select(WORK_QUEUE.ID, WORK_QUEUE.PRIORITY).from(WORK_QUEUE.table())
                .where(WORK_QUEUE.WORK_POOL_ID.eq(poolId)).and(WORK_QUEUE.PRIORITY.ge(priority))
                .and(movingQueue == null ? DSL.trueCondition() : WORK_QUEUE.ID.ne(movingQueue))
                .orderBy(WORK_QUEUE.PRIORITY.asc()).fetch().stream().map(r -> (Record) r).toList();
        int expected = priority;
        List<UUID> shift = new java.util.ArrayList<>();
        for (Record r : rows) {
            if (r.get(WORK_QUEUE.PRIORITY) != expected) {
                break;
            }
            shift.add(r.get(WORK_QUEUE.ID));
            expected++;
        }
        if (!shift.isEmpty()) {
            dsl.update(WORK_QUEUE.table()).set(WORK_QUEUE.PRIORITY, WORK_QUEUE.PRIORITY.plus(1))
                    .where(WORK_QUEUE.ID.in(shift)).execute();
        }
    }

    /** The queue named {@code queueName} in the pool, created (after the last priority) when missing. */
    static UUID ensureQueue(DSLContext dsl, UUID poolId, String queueName, Instant now) {
        return dsl.select(WORK_QUEUE.ID).from(WORK_QUEUE.table())
                .where(WORK_QUEUE.WORK_POOL_ID.eq(poolId)).and(WORK_QUEUE.NAME.eq(queueName))
                .fetchOptional(WORK_QUEUE.ID)
                .orElseGet(() -> insertQueue(dsl, Ids.uuid4(), poolId,
                        new WorkQueueSpec(queueName, "", false, null, null, null), now));
    }

    static Optional<Record> pool(DSLContext dsl, String poolName) {
        return dsl.select(WORK_POOL.ID, WORK_POOL.DEFAULT_QUEUE_ID).from(WORK_POOL.table())
                .where(WORK_POOL.NAME.eq(poolName)).fetchOptional().map(r -> (Record) r);
    }
}
