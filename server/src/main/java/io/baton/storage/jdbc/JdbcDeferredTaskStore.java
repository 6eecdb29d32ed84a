package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.TaskRunRows.TR;

import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.StateType;
import io.baton.storage.Database;
import io.baton.storage.DeferredTaskStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deferred task runs found through their current state: SCHEDULED with {@code state_details.deferred}. Client-side
 * task retries also pass through SCHEDULED (AwaitingRetry) but are not deferred, so the flag is checked on the
 * loaded state.
 */
public final class JdbcDeferredTaskStore implements DeferredTaskStore {

    private final Database db;

    public JdbcDeferredTaskStore(Database db) {
        this.db = db;
    }

    @Override
    public List<TaskRunRecord> scheduled(Collection<String> taskKeys, int limit) {
        if (taskKeys.isEmpty()) {
            return List.of();
        }
        return db.read(dsl -> TaskRunRows.select(dsl)
                .where(TR.TASK_KEY.in(taskKeys)).and(TR.STATE_TYPE.eq(StateType.SCHEDULED.name()))
                .orderBy(TR.EXPECTED_START_TIME.asc(), TR.ID.asc())
                .limit(limit)
                .fetch(TaskRunRows::map))
                .stream().filter(JdbcDeferredTaskStore::deferred).toList();
    }

    @Override
    public Optional<TaskRunRecord> stillScheduled(UUID taskRunId) {
        return db.read(dsl -> TaskRunRows.select(dsl).where(TR.ID.eq(taskRunId)).fetchOptional(TaskRunRows::map))
                .filter(r -> r.run().bookkeeping().stateType() == StateType.SCHEDULED);
    }

    private static boolean deferred(TaskRunRecord r) {
        return r.state() != null && r.state().details() != null && r.state().details().isDeferred();
    }
}
