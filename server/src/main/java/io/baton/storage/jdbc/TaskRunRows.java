package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;
import static io.baton.storage.jdbc.tables.TaskRunTable.TASK_RUN;

import io.baton.domain.orchestration.recorder.StateJson;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunJson;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunRecord;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import io.baton.storage.jdbc.tables.TaskRunTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;

/** Selecting task runs with their current state, and writing orchestration results back. */
final class TaskRunRows {

    private TaskRunRows() {}

    static final TaskRunTable TR = TASK_RUN;
    static final StateTable STATE = TASK_RUN_STATE.as("current_task_state");
    static final ResultArtifactTable RESULT = new ResultArtifactTable("current_task_result");

    private static final List<Field<?>> FIELDS = fields();

    private static List<Field<?>> fields() {
        List<Field<?>> f = new ArrayList<>(List.of(TR.ID, TR.CREATED, TR.UPDATED, TR.NAME, TR.STATE_TYPE, TR.STATE_NAME,
                TR.STATE_TIMESTAMP, TR.RUN_COUNT, TR.EXPECTED_START_TIME, TR.NEXT_SCHEDULED_START_TIME, TR.START_TIME,
                TR.END_TIME, TR.TOTAL_RUN_TIME, TR.FLOW_RUN_ID, TR.TASK_KEY, TR.DYNAMIC_KEY, TR.CACHE_KEY,
                TR.CACHE_EXPIRATION, TR.TASK_VERSION, TR.FLOW_RUN_RUN_COUNT, TR.EMPIRICAL_POLICY, TR.TASK_INPUTS,
                TR.TAGS, TR.LABELS, TR.STATE_ID));
        f.addAll(StateRows.fields(STATE, RESULT));
        return List.copyOf(f);
    }

    static SelectJoinStep<Record> select(DSLContext dsl) {
        return dsl.select(FIELDS).from(TR.table())
                .leftJoin(STATE.table()).on(STATE.ID.eq(TR.STATE_ID))
                .leftJoin(RESULT.table()).on(RESULT.ID.eq(STATE.RESULT_ARTIFACT_ID));
    }

    static TaskRunRecord map(Record r) {
        RunBookkeeping bookkeeping = new RunBookkeeping(r.get(TR.STATE_ID), FlowRunRows.stateType(r.get(TR.STATE_TYPE)),
                r.get(TR.STATE_NAME), r.get(TR.STATE_TIMESTAMP), r.get(TR.RUN_COUNT), r.get(TR.EXPECTED_START_TIME),
                r.get(TR.NEXT_SCHEDULED_START_TIME), r.get(TR.START_TIME), r.get(TR.END_TIME),
                FlowRunRows.seconds(r.get(TR.TOTAL_RUN_TIME)));
        TaskRun run = new TaskRun(r.get(TR.ID), r.get(TR.FLOW_RUN_ID), r.get(TR.NAME), r.get(TR.TASK_KEY),
                r.get(TR.DYNAMIC_KEY), r.get(TR.CACHE_KEY), r.get(TR.CACHE_EXPIRATION), r.get(TR.TASK_VERSION),
                StateJson.taskRunPolicy(r.get(TR.EMPIRICAL_POLICY)), Rows.strings(r.get(TR.TAGS)), r.get(TR.LABELS),
                r.get(TR.TASK_INPUTS), r.get(TR.FLOW_RUN_RUN_COUNT), bookkeeping);
        return new TaskRunRecord(run, r.get(TR.CREATED), r.get(TR.UPDATED), StateRows.map(r, STATE, RESULT));
    }

    static void writeBack(DSLContext dsl, TaskRun run, Instant now) {
        RunBookkeeping b = run.bookkeeping();
        dsl.update(TR.table())
                .set(TR.STATE_ID, b.stateId())
                .set(TR.STATE_TYPE, b.stateType() == null ? null : b.stateType().name())
                .set(TR.STATE_NAME, b.stateName())
                .set(TR.STATE_TIMESTAMP, b.stateTimestamp())
                .set(TR.RUN_COUNT, b.runCount())
                .set(TR.EXPECTED_START_TIME, b.expectedStartTime())
                .set(TR.NEXT_SCHEDULED_START_TIME, b.nextScheduledStartTime())
                .set(TR.START_TIME, b.startTime())
                .set(TR.END_TIME, b.endTime())
                .set(TR.TOTAL_RUN_TIME, b.totalRunTimeSeconds())
                .set(TR.FLOW_RUN_RUN_COUNT, run.flowRunRunCount())
                .set(TR.CACHE_KEY, run.cacheKey())
                .set(TR.CACHE_EXPIRATION, run.cacheExpiration())
                .set(TR.EMPIRICAL_POLICY, RunJson.taskRunPolicy(run.empiricalPolicy()))
                .set(TR.UPDATED, now)
                .where(TR.ID.eq(run.id()))
                .execute();
    }

    static boolean lock(DSLContext dsl, UUID id) {
        var query = dsl.select(TR.ID).from(TR.table()).where(TR.ID.eq(id));
        return (dsl.dialect() == org.jooq.SQLDialect.POSTGRES ? query.forUpdate().fetchOptional() : query.fetchOptional())
                .isPresent();
    }
}
