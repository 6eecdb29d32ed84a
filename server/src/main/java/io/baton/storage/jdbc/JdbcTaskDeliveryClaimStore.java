package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.MiscTables.TASK_RUN_DELIVERY;

import io.baton.storage.Database;
import io.baton.storage.TaskDeliveryClaimStore;
import java.time.Instant;
import java.util.UUID;

public final class JdbcTaskDeliveryClaimStore implements TaskDeliveryClaimStore {

    private static final io.baton.storage.jdbc.tables.MiscTables.TaskRunDeliveryTable T = TASK_RUN_DELIVERY;

    private final Database db;

    public JdbcTaskDeliveryClaimStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean claim(UUID taskRunId, String owner, Instant now, Instant until) {
        // One statement decides between racing replicas: a new row, or taking over an expired unacknowledged one.
        return db.write(dsl -> dsl.insertInto(T.table())
                .set(T.ID, taskRunId)
                .set(T.CREATED, now)
                .set(T.UPDATED, now)
                .set(T.CLAIMED_BY, owner)
                .set(T.CLAIMED_UNTIL, until)
                .set(T.ACKNOWLEDGED, false)
                .onConflict(Sql.unqualified(T.ID))
                .doUpdate()
                .set(Sql.unqualified(T.CLAIMED_BY), owner)
                .set(Sql.unqualified(T.CLAIMED_UNTIL), until)
                .set(Sql.unqualified(T.UPDATED), now)
                .where(T.ACKNOWLEDGED.eq(false).and(T.CLAIMED_UNTIL.lt(now)))
                .execute()) == 1;
    }

    @Override
    public void acknowledge(UUID taskRunId, String owner, Instant keepUntil) {
        db.writeVoid(dsl -> dsl.update(T.table())
                .set(T.ACKNOWLEDGED, true)
                .set(T.CLAIMED_UNTIL, keepUntil)
                .where(T.ID.eq(taskRunId)).and(T.CLAIMED_BY.eq(owner))
                .execute());
    }

    @Override
    public void release(UUID taskRunId, String owner) {
        db.writeVoid(dsl -> dsl.deleteFrom(T.table())
                .where(T.ID.eq(taskRunId)).and(T.CLAIMED_BY.eq(owner)).and(T.ACKNOWLEDGED.eq(false))
                .execute());
    }

    @Override
    public int purge(Instant before) {
        return db.write(dsl -> dsl.deleteFrom(T.table()).where(T.CLAIMED_UNTIL.lt(before)).execute());
    }
}
