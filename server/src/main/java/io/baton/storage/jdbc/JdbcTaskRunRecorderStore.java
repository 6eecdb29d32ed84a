package io.baton.storage.jdbc;

import io.baton.domain.run.RunJson;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;
import static io.baton.storage.jdbc.tables.TaskRunTable.TASK_RUN;

import io.baton.domain.Times;
import io.baton.domain.orchestration.recorder.TaskRunEventMapper.RecordedTaskRun;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.State;
import io.baton.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task run recorder's writes (ORCHESTRATION.md 7). Within one batch: events are taken in state-time
 * order; a run already stored under its natural key {@code (flow_run_id, task_key, dynamic_key)} keeps its
 * stored id (the incoming id and its states' task_run_id are rewritten); the newest event of each run gives
 * the row; rows are upserted in id order (so concurrent recorders lock in the same order) and only replace
 * a stored row whose state is older; every state is inserted, duplicates ignored. Runs whose flow run does
 * not exist are skipped. Rows and states are written as JDBC batches of one prepared statement each (a
 * batch of thousands of events costs a handful of statements).
 */
public final class JdbcTaskRunRecorderStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcTaskRunRecorderStore.class);

    /** Records inside the caller's transaction (the event insert's). */
    void recordIn(DSLContext dsl, List<RecordedTaskRun> runs) {
        List<RecordedTaskRun> usable = withExistingFlowRuns(dsl, runs);
        if (usable.isEmpty()) {
            return;
        }
        List<RecordedTaskRun> ordered = new ArrayList<>(usable);
        ordered.sort(Comparator.comparing((RecordedTaskRun r) -> r.state().timestamp()));
        Map<UUID, UUID> rewrites = naturalKeyIds(dsl, ordered);

        // id -> newest event's run; id -> all states
        Map<UUID, TaskRun> rows = new TreeMap<>();
        List<State> states = new ArrayList<>();
        for (RecordedTaskRun r : ordered) {
            UUID id = rewrites.getOrDefault(r.taskRun().id(), r.taskRun().id());
            TaskRun run = r.taskRun();
            State state = r.state();
            if (!id.equals(run.id())) {
                run = withId(run, id);
                state = state.withDetails(state.details().withTaskRunId(id));
            }
            rows.put(id, run);
            states.add(state);
        }
        Instant now = Times.now();
        upsertRuns(dsl, new ArrayList<>(rows.values()), now);
        states.sort(Comparator.comparing((State s) -> s.details().taskRunId()).thenComparing(State::timestamp));
        insertStates(dsl, states, now);
    }

    private static final List<Field<?>> STATE_COLUMNS = List.of(TASK_RUN_STATE.ID, TASK_RUN_STATE.CREATED,
            TASK_RUN_STATE.UPDATED, TASK_RUN_STATE.RUN_ID, TASK_RUN_STATE.TYPE, TASK_RUN_STATE.TIMESTAMP,
            TASK_RUN_STATE.NAME, TASK_RUN_STATE.MESSAGE, TASK_RUN_STATE.STATE_DETAILS, TASK_RUN_STATE.DATA);
    private static final JdbcBatch INSERT_STATES = JdbcBatch.of(STATE_COLUMNS,
            dsl -> dsl.insertInto(TASK_RUN_STATE.table(), STATE_COLUMNS)
                    .values(Arrays.asList(new Object[STATE_COLUMNS.size()]))
                    .onConflictDoNothing());

    /** Insert-or-ignore of every state with one prepared statement (a JDBC batch), in run-then-time order. */
    private static void insertStates(DSLContext dsl, List<State> states, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(states.size());
        for (State s : states) {
            rows.add(new Object[] {s.id(), now, now, s.details().taskRunId(), s.type().name(), s.timestamp(), s.name(),
                    s.message(), RunJson.stateDetails(s.details()), s.data()});
        }
        INSERT_STATES.execute(dsl, rows);
    }

    private List<RecordedTaskRun> withExistingFlowRuns(DSLContext dsl, List<RecordedTaskRun> runs) {
        Set<UUID> wanted = new HashSet<>();
        for (RecordedTaskRun r : runs) {
            if (r.taskRun().flowRunId() != null) {
                wanted.add(r.taskRun().flowRunId());
            }
        }
        Set<UUID> existing = wanted.isEmpty() ? Set.of()
                : new HashSet<>(dsl.select(FLOW_RUN.ID).from(FLOW_RUN.table()).where(FLOW_RUN.ID.in(wanted))
                        .fetch(FLOW_RUN.ID));
        List<RecordedTaskRun> out = new ArrayList<>(runs.size());
        for (RecordedTaskRun r : runs) {
            TaskRun t = r.taskRun();
            if (t.taskKey() == null || t.dynamicKey() == null) {
                log.warn("Task run event {} has no task_key/dynamic_key; not recorded", r.state().id());
            } else if (t.flowRunId() != null && !existing.contains(t.flowRunId())) {
                log.warn("Task run {} belongs to unknown flow run {}; not recorded", t.id(), t.flowRunId());
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Incoming id -> the id the run must be stored under (stored row or first of the batch with that key). */
    private static Map<UUID, UUID> naturalKeyIds(DSLContext dsl, List<RecordedTaskRun> ordered) {
        Map<List<Object>, UUID> byKey = new LinkedHashMap<>();
        Set<UUID> flowRuns = new HashSet<>();
        Set<String> taskKeys = new HashSet<>();
        for (RecordedTaskRun r : ordered) {
            if (r.taskRun().flowRunId() != null) {
                flowRuns.add(r.taskRun().flowRunId());
                taskKeys.add(r.taskRun().taskKey());
            }
        }
        if (!flowRuns.isEmpty()) {
            for (Record row : dsl.select(TASK_RUN.ID, TASK_RUN.FLOW_RUN_ID, TASK_RUN.TASK_KEY, TASK_RUN.DYNAMIC_KEY)
                    .from(TASK_RUN.table())
                    .where(TASK_RUN.FLOW_RUN_ID.in(flowRuns).and(TASK_RUN.TASK_KEY.in(taskKeys)))
                    .fetch()) {
                byKey.put(List.of(row.get(TASK_RUN.FLOW_RUN_ID), row.get(TASK_RUN.TASK_KEY),
                        row.get(TASK_RUN.DYNAMIC_KEY)), row.get(TASK_RUN.ID));
            }
        }
        Map<UUID, UUID> rewrites = new HashMap<>();
        for (RecordedTaskRun r : ordered) {
            TaskRun t = r.taskRun();
            if (t.flowRunId() == null) {
                continue;
            }
            UUID target = byKey.putIfAbsent(List.of(t.flowRunId(), t.taskKey(), t.dynamicKey()), t.id());
            if (target != null && !target.equals(t.id())) {
                rewrites.put(t.id(), target);
            }
        }
        return rewrites;
    }

    /** The upserted columns besides id/created/updated, in insert order. */
    private static final List<Field<?>> VALUE_COLUMNS = List.of(TASK_RUN.NAME, TASK_RUN.STATE_TYPE, TASK_RUN.STATE_NAME,
            TASK_RUN.STATE_TIMESTAMP, TASK_RUN.STATE_ID, TASK_RUN.RUN_COUNT, TASK_RUN.EXPECTED_START_TIME,
            TASK_RUN.NEXT_SCHEDULED_START_TIME, TASK_RUN.START_TIME, TASK_RUN.END_TIME, TASK_RUN.TOTAL_RUN_TIME,
            TASK_RUN.FLOW_RUN_ID, TASK_RUN.TASK_KEY, TASK_RUN.DYNAMIC_KEY, TASK_RUN.CACHE_KEY,
            TASK_RUN.CACHE_EXPIRATION, TASK_RUN.TASK_VERSION, TASK_RUN.FLOW_RUN_RUN_COUNT, TASK_RUN.EMPIRICAL_POLICY,
            TASK_RUN.TASK_INPUTS, TASK_RUN.TAGS, TASK_RUN.LABELS);
    /** Columns the event left out keep their stored value instead of becoming NULL. */
    private static final Set<Field<?>> KEEP_WHEN_ABSENT = Set.of(TASK_RUN.EXPECTED_START_TIME,
            TASK_RUN.NEXT_SCHEDULED_START_TIME, TASK_RUN.START_TIME, TASK_RUN.END_TIME, TASK_RUN.CACHE_KEY,
            TASK_RUN.CACHE_EXPIRATION, TASK_RUN.TASK_VERSION, TASK_RUN.LABELS, TASK_RUN.FLOW_RUN_ID);

    /**
     * One prepared upsert executed for every run (a JDBC batch; ids unique, in id order): a stored row
     * is replaced only when its state is older than the incoming one.
     */
    private static void upsertRuns(DSLContext dsl, List<TaskRun> runs, Instant now) {
        if (runs.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(runs.size());
        for (TaskRun run : runs) {
            rows.add(row(run, now).toArray());
        }
        UPSERT_RUNS.execute(dsl, rows);
    }

    private static final JdbcBatch UPSERT_RUNS = upsertRunsStatement();

    private static JdbcBatch upsertRunsStatement() {
        List<Field<?>> columns = new ArrayList<>();
        columns.add(Sql.unqualified(TASK_RUN.ID));
        columns.add(Sql.unqualified(TASK_RUN.CREATED));
        columns.add(Sql.unqualified(TASK_RUN.UPDATED));
        VALUE_COLUMNS.forEach(f -> columns.add(Sql.unqualified(f)));
        Map<Field<?>, Object> update = new LinkedHashMap<>();
        for (Field<?> f : VALUE_COLUMNS) {
            update.put(Sql.unqualified(f), excludedOrStored(f, KEEP_WHEN_ABSENT.contains(f)));
        }
        update.put(Sql.unqualified(TASK_RUN.UPDATED), DSL.excluded(Sql.unqualified(TASK_RUN.UPDATED)));
        List<Field<?>> bound = new ArrayList<>(List.of(TASK_RUN.ID, TASK_RUN.CREATED, TASK_RUN.UPDATED));
        bound.addAll(VALUE_COLUMNS);
        return JdbcBatch.of(bound, dsl -> dsl.insertInto(TASK_RUN.table(), columns)
                .values(Arrays.asList(new Object[columns.size()]))
                .onConflict(Sql.unqualified(TASK_RUN.ID))
                .doUpdate()
                .set(update)
                .where(TASK_RUN.STATE_TIMESTAMP.isNull()
                        .or(TASK_RUN.STATE_TIMESTAMP.lt(DSL.excluded(Sql.unqualified(TASK_RUN.STATE_TIMESTAMP))))));
    }

    /** A run's values in the order id, created, updated, {@link #VALUE_COLUMNS}. */
    private static List<Object> row(TaskRun run, Instant now) {
        RunBookkeeping b = run.bookkeeping();
        return Arrays.asList(run.id(), now, now,
                run.name() == null ? run.taskKey() : run.name(),
                b.stateType() == null ? null : b.stateType().name(),
                b.stateName(),
                b.stateTimestamp(),
                b.stateId(),
                b.runCount(),
                b.expectedStartTime(),
                b.nextScheduledStartTime(),
                b.startTime(),
                b.endTime(),
                b.totalRunTimeSeconds(),
                run.flowRunId(),
                run.taskKey(),
                run.dynamicKey(),
                run.cacheKey(),
                run.cacheExpiration(),
                run.taskVersion(),
                run.flowRunRunCount(),
                RunJson.taskRunPolicy(run.empiricalPolicy()),
                run.taskInputs() == null ? Json.object() : run.taskInputs(),
                Rows.json(run.tags()),
                run.labels());
    }

    private static <T> Field<T> excludedOrStored(Field<T> f, boolean keepWhenAbsent) {
        Field<T> incoming = DSL.excluded(Sql.unqualified(f));
        return keepWhenAbsent ? DSL.coalesce(incoming, f) : incoming;
    }

    private static TaskRun withId(TaskRun t, UUID id) {
        return new TaskRun(id, t.flowRunId(), t.name(), t.taskKey(), t.dynamicKey(), t.cacheKey(),
                t.cacheExpiration(), t.taskVersion(), t.empiricalPolicy(), t.tags(), t.labels(), t.taskInputs(),
                t.flowRunRunCount(), t.bookkeeping());
    }
}
