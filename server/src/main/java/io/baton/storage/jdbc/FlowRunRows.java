package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;

import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunJson;
import io.baton.domain.state.StateType;
import io.baton.storage.jdbc.tables.DeploymentTable;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.FlowTable;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import io.baton.storage.jdbc.tables.WorkPoolTable;
import io.baton.storage.jdbc.tables.WorkQueueTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.SelectSelectStep;
import org.jooq.impl.DSL;

/** Selecting flow runs with their current state and work queue/pool, and writing orchestration results back. */
final class FlowRunRows {

    private FlowRunRows() {}

    static final FlowRunTable FR = FLOW_RUN;
    static final StateTable STATE = FLOW_RUN_STATE.as("current_state");
    static final ResultArtifactTable RESULT = new ResultArtifactTable("current_result");
    static final WorkQueueTable QUEUE = new WorkQueueTable("run_queue");
    static final WorkPoolTable POOL = new WorkPoolTable("run_pool");

    private static final List<Field<?>> FIELDS = fields();

    private static List<Field<?>> fields() {
        List<Field<?>> f = new ArrayList<>(List.of(FR.ID, FR.CREATED, FR.UPDATED, FR.NAME, FR.STATE_TYPE, FR.STATE_NAME,
                FR.STATE_TIMESTAMP, FR.RUN_COUNT, FR.EXPECTED_START_TIME, FR.NEXT_SCHEDULED_START_TIME, FR.START_TIME,
                FR.END_TIME, FR.TOTAL_RUN_TIME, FR.FLOW_ID, FR.DEPLOYMENT_ID, FR.DEPLOYMENT_VERSION,
                FR.WORK_QUEUE_NAME, FR.FLOW_VERSION, FR.PARAMETERS, FR.IDEMPOTENCY_KEY, FR.CONTEXT,
                FR.EMPIRICAL_POLICY, FR.TAGS, FR.LABELS, FR.CREATED_BY, FR.INFRASTRUCTURE_PID, FR.JOB_VARIABLES,
                FR.INFRASTRUCTURE_DOCUMENT_ID, FR.PARENT_TASK_RUN_ID, FR.AUTO_SCHEDULED, FR.STATE_ID,
                FR.WORK_QUEUE_ID, QUEUE.NAME, POOL.ID, POOL.NAME));
        f.addAll(StateRows.fields(STATE, RESULT));
        return List.copyOf(f);
    }

    static SelectJoinStep<Record> select(DSLContext dsl) {
        return joined(dsl.select(FIELDS));
    }

    private static SelectJoinStep<Record> joined(SelectSelectStep<Record> select) {
        return select.from(FR.table())
                .leftJoin(STATE.table()).on(STATE.ID.eq(FR.STATE_ID))
                .leftJoin(RESULT.table()).on(RESULT.ID.eq(STATE.RESULT_ARTIFACT_ID))
                .leftJoin(QUEUE.table()).on(QUEUE.ID.eq(FR.WORK_QUEUE_ID))
                .leftJoin(POOL.table()).on(POOL.ID.eq(QUEUE.WORK_POOL_ID));
    }

    private static final HotStatement READ = HotStatement.select(FIELDS,
            p -> joined(DSL.select(FIELDS)).where(FR.ID.eq(p.of(FR.ID))));

    private static final HotStatement LOCK = HotStatement.select(List.of(FR.ID),
            p -> DSL.select(FR.ID).from(FR.table()).where(FR.ID.eq(p.of(FR.ID))).forUpdate());

    private static final StateTable LATEST = FLOW_RUN_STATE.as("latest_state");
    /** The newest stored state timestamp of the run: one step down the (flow_run_id, timestamp) unique index. */
    private static final Field<Instant> LATEST_STATE_TIMESTAMP = DSL.field(DSL.select(DSL.max(LATEST.TIMESTAMP))
            .from(LATEST.table()).where(LATEST.RUN_ID.eq(FR.ID))).as("latest_state_timestamp");
    static final FlowTable RUN_FLOW = new FlowTable("run_flow");
    static final DeploymentTable RUN_DEPLOYMENT = new DeploymentTable("run_deployment");

    /** The run's columns, then what its state events name as related resources ({@link FlowRunEvents}). */
    private static final List<Field<?>> TRANSITION_FIELDS = transitionFields();

    private static List<Field<?>> transitionFields() {
        List<Field<?>> f = new ArrayList<>(FIELDS);
        f.addAll(List.of(RUN_FLOW.ID, RUN_FLOW.NAME, RUN_FLOW.TAGS, RUN_DEPLOYMENT.ID, RUN_DEPLOYMENT.NAME,
                RUN_DEPLOYMENT.TAGS, QUEUE.ID, POOL.TYPE, LATEST_STATE_TIMESTAMP));
        return List.copyOf(f);
    }

    private static final HotStatement READ_FOR_TRANSITION = HotStatement.select(TRANSITION_FIELDS,
            p -> joined(DSL.select(TRANSITION_FIELDS))
                    .leftJoin(RUN_FLOW.table()).on(RUN_FLOW.ID.eq(FR.FLOW_ID))
                    .leftJoin(RUN_DEPLOYMENT.table()).on(RUN_DEPLOYMENT.ID.eq(FR.DEPLOYMENT_ID))
                    .where(FR.ID.eq(p.of(FR.ID))));

    /** A run about to transition, with the related resources its state events name (read once, not per event). */
    record Transitioning(FlowRunRecord run, FlowRunEvents.Related related, Instant latestStateTimestamp) {}

    /** The run with its current state, queue and pool. */
    static Optional<FlowRunRecord> read(DSLContext dsl, UUID id) {
        return Optional.ofNullable(READ.fetchFirst(dsl, id)).map(FlowRunRows::map);
    }

    /**
     * The run locked for a transition, with its current state. On SQLite the single writer already serializes
     * transitions, so one read does. On PostgreSQL the lock stays a statement of its own: a locking read that
     * waited for another transition would see that transition's run row but the joined state row of its own,
     * older snapshot; the read after the lock takes a fresh snapshot.
     */
    static Optional<Transitioning> lockAndRead(DSLContext dsl, UUID id) {
        if (dsl.dialect() == org.jooq.SQLDialect.POSTGRES && !LOCK.exists(dsl, id)) {
            return Optional.empty();
        }
        Record r = READ_FOR_TRANSITION.fetchFirst(dsl, id);
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new Transitioning(map(r), new FlowRunEvents.Related(r.get(FR.NAME), r.get(FR.TAGS),
                r.get(FR.CREATED_BY), r.get(RUN_FLOW.ID), r.get(RUN_FLOW.NAME), r.get(RUN_FLOW.TAGS),
                r.get(RUN_DEPLOYMENT.ID), r.get(RUN_DEPLOYMENT.NAME), r.get(RUN_DEPLOYMENT.TAGS), r.get(QUEUE.ID),
                r.get(QUEUE.NAME), r.get(POOL.ID), r.get(POOL.NAME), r.get(POOL.TYPE)),
                r.get(LATEST_STATE_TIMESTAMP)));
    }

    static FlowRunRecord map(Record r) {
        RunBookkeeping bookkeeping = new RunBookkeeping(r.get(FR.STATE_ID), stateType(r.get(FR.STATE_TYPE)),
                r.get(FR.STATE_NAME), r.get(FR.STATE_TIMESTAMP), r.get(FR.RUN_COUNT), r.get(FR.EXPECTED_START_TIME),
                r.get(FR.NEXT_SCHEDULED_START_TIME), r.get(FR.START_TIME), r.get(FR.END_TIME),
                seconds(r.get(FR.TOTAL_RUN_TIME)));
        FlowRun run = new FlowRun(r.get(FR.ID), r.get(FR.FLOW_ID), r.get(FR.DEPLOYMENT_ID), r.get(FR.PARENT_TASK_RUN_ID),
                r.get(FR.INFRASTRUCTURE_PID), RunJson.flowRunPolicy(r.get(FR.EMPIRICAL_POLICY)), bookkeeping);
        String queueName = r.get(QUEUE.NAME) != null ? r.get(QUEUE.NAME) : r.get(FR.WORK_QUEUE_NAME);
        return new FlowRunRecord(run, r.get(FR.CREATED), r.get(FR.UPDATED), r.get(FR.NAME), r.get(FR.DEPLOYMENT_VERSION),
                r.get(FR.WORK_QUEUE_ID), queueName, r.get(FR.FLOW_VERSION), r.get(FR.PARAMETERS),
                r.get(FR.IDEMPOTENCY_KEY), r.get(FR.CONTEXT), Rows.strings(r.get(FR.TAGS)), r.get(FR.LABELS),
                r.get(FR.CREATED_BY), r.get(FR.JOB_VARIABLES), r.get(FR.INFRASTRUCTURE_DOCUMENT_ID),
                Boolean.TRUE.equals(r.get(FR.AUTO_SCHEDULED)), r.get(POOL.ID), r.get(POOL.NAME),
                StateRows.map(r, STATE, RESULT));
    }

    private static final HotStatement WRITE_BACK = HotStatement.update(p -> DSL.update(FR.table())
            .set(FR.STATE_ID, p.of(FR.STATE_ID))
            .set(FR.STATE_TYPE, p.of(FR.STATE_TYPE))
            .set(FR.STATE_NAME, p.of(FR.STATE_NAME))
            .set(FR.STATE_TIMESTAMP, p.of(FR.STATE_TIMESTAMP))
            .set(FR.RUN_COUNT, p.of(FR.RUN_COUNT))
            .set(FR.EXPECTED_START_TIME, p.of(FR.EXPECTED_START_TIME))
            .set(FR.NEXT_SCHEDULED_START_TIME, p.of(FR.NEXT_SCHEDULED_START_TIME))
            .set(FR.START_TIME, p.of(FR.START_TIME))
            .set(FR.END_TIME, p.of(FR.END_TIME))
            .set(FR.TOTAL_RUN_TIME, p.of(FR.TOTAL_RUN_TIME))
            .set(FR.EMPIRICAL_POLICY, p.of(FR.EMPIRICAL_POLICY))
            .set(FR.INFRASTRUCTURE_PID, p.of(FR.INFRASTRUCTURE_PID))
            .set(FR.DEPLOYMENT_ID, p.of(FR.DEPLOYMENT_ID))
            .set(FR.UPDATED, p.of(FR.UPDATED))
            .where(FR.ID.eq(p.of(FR.ID))));

    /** Writes the columns orchestration maintains. */
    static void writeBack(DSLContext dsl, FlowRun run, Instant now) {
        WRITE_BACK.execute(dsl, writeBackValues(run, now));
    }

    /** Adds {@link #writeBack} to {@code trip}. */
    static void addWriteBack(OneRoundTrip trip, FlowRun run, Instant now) {
        trip.add(WRITE_BACK, writeBackValues(run, now));
    }

    private static Object[] writeBackValues(FlowRun run, Instant now) {
        RunBookkeeping b = run.bookkeeping();
        return new Object[] {b.stateId(), b.stateType() == null ? null : b.stateType().name(), b.stateName(),
                b.stateTimestamp(), b.runCount(), b.expectedStartTime(), b.nextScheduledStartTime(), b.startTime(),
                b.endTime(), b.totalRunTimeSeconds(), RunJson.flowRunPolicy(run.empiricalPolicy()),
                run.infrastructurePid(), run.deploymentId(), now, run.id()};
    }

    /** Takes the row lock that serializes transitions of one run (SQLite's single writer already does). */
    static boolean lock(DSLContext dsl, UUID id) {
        var query = dsl.select(FR.ID).from(FR.table()).where(FR.ID.eq(id));
        return (dsl.dialect() == org.jooq.SQLDialect.POSTGRES ? query.forUpdate().fetchOptional() : query.fetchOptional())
                .isPresent();
    }

    static StateType stateType(String s) {
        return s == null ? null : StateType.valueOf(s);
    }

    static Duration seconds(Double s) {
        return s == null ? Duration.ZERO : Duration.ofNanos(Math.round(s * 1e9));
    }
}
