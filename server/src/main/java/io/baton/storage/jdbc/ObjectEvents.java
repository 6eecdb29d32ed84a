package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.event.ServerEvents.Pool;
import io.baton.domain.event.ServerEvents.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The events of work pools, work queues and deployments, built from their rows inside the transaction that
 * changed them: lifecycle events and status events ({@code ready}, {@code not-ready}, {@code paused}).
 */
final class ObjectEvents {

    private ObjectEvents() {}

    /** A pool's status event follows its previous one when that was this recent (ordering help, as Prefect's). */
    private static final Duration FOLLOWS_WITHIN = Duration.ofMinutes(10);

    static Pool pool(DSLContext dsl, UUID poolId) {
        if (poolId == null) {
            return null;
        }
        Record r = dsl.select(WORK_POOL.NAME, WORK_POOL.TYPE).from(WORK_POOL.table()).where(WORK_POOL.ID.eq(poolId))
                .fetchOne();
        return r == null ? null : new Pool(poolId, r.get(WORK_POOL.NAME), r.get(WORK_POOL.TYPE));
    }

    /**
     * The pool's status event for {@code status}; remembers its id on the pool so the next status event can
     * follow it.
     */
    static void workPoolStatus(DSLContext dsl, EventOutbox.Emitted events, UUID poolId, String status, Instant now) {
        Record r = dsl.select(WORK_POOL.NAME, WORK_POOL.TYPE, WORK_POOL.LAST_STATUS_EVENT_ID).from(WORK_POOL.table())
                .where(WORK_POOL.ID.eq(poolId)).fetchOne();
        if (r == null) {
            return;
        }
        UUID previous = r.get(WORK_POOL.LAST_STATUS_EVENT_ID);
        UUID follows = previous != null && Duration.between(Ids.instantOf(previous), now).compareTo(FOLLOWS_WITHIN) < 0
                ? previous : null;
        UUID eventId = Ids.uuid7(now);
        events.add(ServerEvents.workPoolStatus(new Pool(poolId, r.get(WORK_POOL.NAME), r.get(WORK_POOL.TYPE)), status,
                eventId, follows, now));
        dsl.update(WORK_POOL.table()).set(WORK_POOL.LAST_STATUS_EVENT_ID, eventId).where(WORK_POOL.ID.eq(poolId))
                .execute();
    }

    static void workQueueCreated(DSLContext dsl, EventOutbox.Emitted events, UUID queueId, Instant now) {
        queueEvent(dsl, events, queueId, null, now);
    }

    static void workQueueStatus(DSLContext dsl, EventOutbox.Emitted events, UUID queueId, String status, Instant now) {
        queueEvent(dsl, events, queueId, status, now);
    }

    private static void queueEvent(DSLContext dsl, EventOutbox.Emitted events, UUID queueId, String status,
                                   Instant now) {
        Record r = dsl.select(WORK_QUEUE.NAME, WORK_QUEUE.WORK_POOL_ID).from(WORK_QUEUE.table())
                .where(WORK_QUEUE.ID.eq(queueId)).fetchOne();
        if (r == null) {
            return;
        }
        Queue queue = new Queue(queueId, r.get(WORK_QUEUE.NAME));
        Pool pool = pool(dsl, r.get(WORK_QUEUE.WORK_POOL_ID));
        events.add(status == null ? ServerEvents.workQueueCreated(queue, pool, now)
                : ServerEvents.workQueueStatus(queue, pool, status, now));
    }

    /** {@code prefect.deployment.<action>}, read before a delete and after any other change. */
    static void deployment(DSLContext dsl, EventOutbox.Emitted events, UUID deploymentId, Action action,
                           ObjectNode payload, Instant now) {
        deploymentEvent(dsl, events, deploymentId, action, null, payload, now);
    }

    static void deploymentStatus(DSLContext dsl, EventOutbox.Emitted events, UUID deploymentId, String status,
                                 Instant now) {
        deploymentEvent(dsl, events, deploymentId, null, status, null, now);
    }

    private static void deploymentEvent(DSLContext dsl, EventOutbox.Emitted events, UUID deploymentId, Action action,
                                        String status, ObjectNode payload, Instant now) {
        Record r = dsl.select(DEPLOYMENT.NAME, DEPLOYMENT.WORK_QUEUE_ID, FLOW.ID, FLOW.NAME, WORK_QUEUE.NAME,
                        WORK_QUEUE.WORK_POOL_ID)
                .from(DEPLOYMENT.table())
                .leftJoin(FLOW.table()).on(FLOW.ID.eq(DEPLOYMENT.FLOW_ID))
                .leftJoin(WORK_QUEUE.table()).on(WORK_QUEUE.ID.eq(DEPLOYMENT.WORK_QUEUE_ID))
                .where(DEPLOYMENT.ID.eq(deploymentId)).fetchOne();
        if (r == null) {
            return;
        }
        ServerEvents.Flow flow = r.get(FLOW.ID) == null ? null : new ServerEvents.Flow(r.get(FLOW.ID), r.get(FLOW.NAME));
        UUID queueId = r.get(DEPLOYMENT.WORK_QUEUE_ID);
        Queue queue = queueId == null || r.get(WORK_QUEUE.NAME) == null ? null : new Queue(queueId, r.get(WORK_QUEUE.NAME));
        Pool pool = queue == null ? null : pool(dsl, r.get(WORK_QUEUE.WORK_POOL_ID));
        String name = r.get(DEPLOYMENT.NAME);
        events.add(status != null
                ? ServerEvents.deploymentStatus(deploymentId, name, flow, queue, pool, status, now)
                : ServerEvents.deployment(action, deploymentId, name, flow, queue, pool, payload, now));
    }
}
