package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.RESULT_ARTIFACT;

import io.baton.domain.Ids;
import io.baton.domain.orchestration.recorder.StateJson;
import io.baton.domain.run.RunJson;
import io.baton.domain.state.ResultData;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reading and writing state rows. A state's result {@code data} lives in an artifact row referenced by
 * {@code result_artifact_id}; the state's own {@code data} column only holds legacy inline data.
 */
public final class StateRows {

    private StateRows() {}

    public static List<Field<?>> fields(StateTable s, ResultArtifactTable a) {
        return List.of(s.ID, s.TYPE, s.NAME, s.TIMESTAMP, s.MESSAGE, s.STATE_DETAILS, s.DATA, a.DATA);
    }

    /** The state selected with {@link #fields}, or null when the row had none (outer join). */
    public static State map(Record r, StateTable s, ResultArtifactTable a) {
        UUID id = r.get(s.ID);
        if (id == null) {
            return null;
        }
        var data = r.get(a.DATA) != null ? r.get(a.DATA) : r.get(s.DATA);
        return new State(id, StateType.valueOf(r.get(s.TYPE)), r.get(s.NAME), r.get(s.TIMESTAMP), r.get(s.MESSAGE),
                data, StateJson.details(r.get(s.STATE_DETAILS)));
    }

    /**
     * Inserts {@code state} for run {@code runId}, storing its data as {@code resultData} decided. Task-run
     * states pass the task run id as {@code taskRunId} and its flow run as {@code flowRunId}.
     */
    public static void insert(DSLContext dsl, StateTable table, UUID runId, State state, ResultData resultData,
                              UUID flowRunId, UUID taskRunId) {
        UUID artifactId = null;
        if (resultData.needsArtifact()) {
            artifactId = Ids.uuid7(state.timestamp());
            dsl.insertInto(RESULT_ARTIFACT.table())
                    .set(RESULT_ARTIFACT.ID, artifactId)
                    .set(RESULT_ARTIFACT.CREATED, state.timestamp())
                    .set(RESULT_ARTIFACT.UPDATED, state.timestamp())
                    .set(RESULT_ARTIFACT.KEY, resultData.artifactKey())
                    .set(RESULT_ARTIFACT.TYPE, resultData.artifactType())
                    .set(RESULT_ARTIFACT.DESCRIPTION, resultData.artifactDescription())
                    .set(RESULT_ARTIFACT.DATA, resultData.artifactData())
                    .set(RESULT_ARTIFACT.FLOW_RUN_ID, flowRunId)
                    .set(RESULT_ARTIFACT.TASK_RUN_ID, taskRunId)
                    .execute();
        }
        INSERTS.computeIfAbsent(table, StateRows::insertStatement).execute(dsl, insertValues(runId, state, artifactId));
    }

    /** Adds the insert of {@code state} to {@code trip}; for states whose data needs no result artifact row. */
    static void addInsert(OneRoundTrip trip, StateTable table, UUID runId, State state, ResultData resultData) {
        if (resultData.needsArtifact()) {
            throw new IllegalArgumentException("a state with a result artifact is inserted with insert()");
        }
        trip.add(INSERTS.computeIfAbsent(table, StateRows::insertStatement), insertValues(runId, state, null));
    }

    private static Object[] insertValues(UUID runId, State state, UUID artifactId) {
        return new Object[] {state.id(), state.timestamp(), state.timestamp(), runId, state.type().name(),
                state.timestamp(), state.name(), state.message(), RunJson.stateDetails(state.details()), artifactId};
    }

    /** One rendered INSERT per state table (flow-run and task-run states). */
    private static final Map<StateTable, HotStatement> INSERTS = new ConcurrentHashMap<>();

    private static HotStatement insertStatement(StateTable table) {
        return HotStatement.update(p -> DSL.insertInto(table.table())
                .set(table.ID, p.of(table.ID))
                .set(table.CREATED, p.of(table.CREATED))
                .set(table.UPDATED, p.of(table.UPDATED))
                .set(table.RUN_ID, p.of(table.RUN_ID))
                .set(table.TYPE, p.of(table.TYPE))
                .set(table.TIMESTAMP, p.of(table.TIMESTAMP))
                .set(table.NAME, p.of(table.NAME))
                .set(table.MESSAGE, p.of(table.MESSAGE))
                .set(table.STATE_DETAILS, p.of(table.STATE_DETAILS))
                .set(table.RESULT_ARTIFACT_ID, p.of(table.RESULT_ARTIFACT_ID)));
    }

    private static final HotStatement FLOW_RUN_STATE_AT = HotStatement.select(List.of(DSL.inline(1)),
            p -> DSL.selectOne().from(FLOW_RUN_STATE.table())
                    .where(FLOW_RUN_STATE.RUN_ID.eq(p.of(FLOW_RUN_STATE.RUN_ID)))
                    .and(FLOW_RUN_STATE.TIMESTAMP.eq(p.of(FLOW_RUN_STATE.TIMESTAMP))));

    /** True when the flow run already has a state at exactly {@code timestamp} (state timestamps are unique per run). */
    public static boolean flowRunStateExistsAt(DSLContext dsl, UUID flowRunId, java.time.Instant timestamp) {
        return FLOW_RUN_STATE_AT.exists(dsl, flowRunId, timestamp);
    }
}
