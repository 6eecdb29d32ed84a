package io.baton.storage.jdbc;

import io.baton.domain.Times;
import io.baton.storage.jdbc.orchestration.SlotPorts;

import static io.baton.storage.jdbc.TaskRunRows.TR;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.run.NewTaskRun;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.RunHistory;
import io.baton.domain.run.RunJson;
import io.baton.domain.run.RunNames;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.FlowRunStore.Transition;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.TaskRunStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SortField;

public final class JdbcTaskRunStore implements TaskRunStore {

    static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "ID_DESC", List.of(TR.ID.desc()),
            "EXPECTED_START_TIME_ASC", List.of(TR.EXPECTED_START_TIME.asc(), TR.ID.asc()),
            "EXPECTED_START_TIME_DESC", List.of(TR.EXPECTED_START_TIME.desc(), TR.ID.desc()),
            "NAME_ASC", List.of(TR.NAME.asc(), TR.ID.asc()),
            "NAME_DESC", List.of(TR.NAME.desc(), TR.ID.desc()),
            "NEXT_SCHEDULED_START_TIME_ASC", List.of(TR.NEXT_SCHEDULED_START_TIME.asc(), TR.ID.asc()),
            "END_TIME_DESC", List.of(TR.END_TIME.desc(), TR.ID.desc()));

    private final Database db;
    private final SlotPorts slots;
    private final Clock clock;
    private final RunEffectSinks sinks;

    public JdbcTaskRunStore(Database db, SlotPorts slots, RunEffectSinks sinks) {
        this(db, slots, sinks, Times.CLOCK);
    }

    /** {@code clock} is "now" for orchestration and the run columns it stamps. */
    public JdbcTaskRunStore(Database db, SlotPorts slots, RunEffectSinks sinks, Clock clock) {
        this.db = db;
        this.slots = slots;
        this.sinks = sinks;
        this.clock = clock;
    }

    @Override
    public Upserted<TaskRunRecord> create(NewTaskRun c, ClientInfo client) {
        Committed<Upserted<TaskRunRecord>> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            Optional<UUID> existing = findByNaturalKey(dsl, c);
            if (existing.isPresent()) {
                return new Committed<>(new Upserted<>(readIn(dsl, existing.get()).orElseThrow(), false), orchestration);
            }
            Instant now = clock.instant();
            UUID id = c.id() != null ? c.id() : Ids.uuid7(now);
            int inserted = dsl.insertInto(TR.table())
                    .set(TR.ID, id)
                    .set(TR.CREATED, now)
                    .set(TR.UPDATED, now)
                    .set(TR.NAME, c.name() == null ? RunNames.generate() : c.name())
                    .set(TR.FLOW_RUN_ID, c.flowRunId())
                    .set(TR.TASK_KEY, c.taskKey())
                    .set(TR.DYNAMIC_KEY, c.dynamicKey())
                    .set(TR.CACHE_KEY, c.cacheKey())
                    .set(TR.CACHE_EXPIRATION, c.cacheExpiration())
                    .set(TR.TASK_VERSION, c.taskVersion())
                    .set(TR.EMPIRICAL_POLICY, RunJson.taskRunPolicy(c.empiricalPolicy() == null
                            ? TaskRunPolicy.DEFAULT : c.empiricalPolicy()))
                    .set(TR.TASK_INPUTS, c.taskInputs() == null || c.taskInputs().isNull() ? Json.object() : c.taskInputs())
                    .set(TR.TAGS, Rows.json(c.tags()))
                    .set(TR.LABELS, labels(dsl, c))
                    .set(TR.RUN_COUNT, 0)
                    .set(TR.FLOW_RUN_RUN_COUNT, 0)
                    .set(TR.TOTAL_RUN_TIME, 0.0)
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                // A concurrent create won the natural key (or the client reused an id): answer with that run.
                UUID winner = findByNaturalKey(dsl, c).orElse(id);
                return new Committed<>(new Upserted<>(readIn(dsl, winner).orElseThrow(), false), orchestration);
            }
            TaskRunRecord created = readIn(dsl, id).orElseThrow();
            orchestration.setTaskRunState(created, c.state() == null ? StateCreate.of(StateType.PENDING) : c.state(),
                    true, client);
            return new Committed<>(new Upserted<>(readIn(dsl, id).orElseThrow(), true), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    private static Optional<UUID> findByNaturalKey(DSLContext dsl, NewTaskRun c) {
        Condition flowRun = c.flowRunId() == null ? TR.FLOW_RUN_ID.isNull() : TR.FLOW_RUN_ID.eq(c.flowRunId());
        return dsl.select(TR.ID).from(TR.table())
                .where(flowRun).and(TR.TASK_KEY.eq(c.taskKey())).and(TR.DYNAMIC_KEY.eq(c.dynamicKey()))
                .limit(1).fetchOptional(TR.ID);
    }

    /** The flow run's labels, then the system labels, then the caller's. */
    private static JsonNode labels(DSLContext dsl, NewTaskRun c) {
        ObjectNode out = Json.object();
        if (c.flowRunId() != null) {
            Record run = dsl.select(FLOW_RUN.FLOW_ID, FLOW_RUN.LABELS).from(FLOW_RUN.table())
                    .where(FLOW_RUN.ID.eq(c.flowRunId())).fetchOne();
            if (run != null) {
                if (run.get(FLOW_RUN.LABELS) instanceof ObjectNode parent) {
                    out.setAll(parent);
                }
                out.put("prefect.flow.id", run.get(FLOW_RUN.FLOW_ID).toString());
            }
            out.put("prefect.flow-run.id", c.flowRunId().toString());
        }
        if (c.labels() instanceof ObjectNode own) {
            out.setAll(own);
        }
        return out;
    }

    @Override
    public Optional<TaskRunRecord> read(UUID id) {
        return db.read(dsl -> readIn(dsl, id));
    }

    private static Optional<TaskRunRecord> readIn(DSLContext dsl, UUID id) {
        return TaskRunRows.select(dsl).where(TR.ID.eq(id)).fetchOptional(TaskRunRows::map);
    }

    @Override
    public List<TaskRunRecord> filter(Query query) {
        return db.read(dsl -> TaskRunRows.select(dsl)
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "ID_DESC" : query.sort(), SORTS.get("ID_DESC")))
                .limit(query.limit())
                .offset(query.offset())
                .fetch(TaskRunRows::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(TR.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    @Override
    public boolean rename(UUID id, String name) {
        return db.write(dsl -> {
            var update = dsl.update(TR.table()).set(TR.UPDATED, clock.instant());
            if (name != null) {
                update = update.set(TR.NAME, name);
            }
            return update.where(TR.ID.eq(id)).execute() == 1;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(TR.table()).where(TR.ID.eq(id)).execute() == 1);
    }

    @Override
    public Optional<Transition> setState(UUID id, StateCreate proposal, boolean force, ClientInfo client) {
        Committed<Optional<Transition>> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            if (!TaskRunRows.lock(dsl, id)) {
                return new Committed<>(Optional.<Transition>empty(), orchestration);
            }
            TaskRunRecord run = readIn(dsl, id).orElseThrow();
            OrchestrationOutcome<TaskRun> outcome = orchestration.setTaskRunState(run, proposal, force, client);
            return new Committed<>(Optional.of(new Transition(id, outcome.result(), outcome.wroteState())), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    @Override
    public List<RunHistory.Bucket> history(Criterion criterion, Instant start, Instant end, Duration interval) {
        Instant now = clock.instant();
        List<RunHistory.Sample> samples = db.read(dsl -> TaskRunRows.select(dsl)
                .where(condition(dsl, criterion))
                .and(TR.EXPECTED_START_TIME.ge(start)).and(TR.EXPECTED_START_TIME.lt(end))
                .fetch(TaskRunRows::map))
                .stream()
                .filter(r -> r.run().bookkeeping().stateType() != null)
                .map(r -> new RunHistory.Sample(r.run().bookkeeping().stateType().name(),
                        r.run().bookkeeping().stateName(), r.run().bookkeeping().expectedStartTime(),
                        RunEstimates.estimatedRunTime(r.run().bookkeeping(), now),
                        RunEstimates.estimatedStartTimeDelta(r.run().bookkeeping(), now)))
                .toList();
        return RunHistory.buckets(start, end, interval, samples);
    }

    @Override
    public List<State> states(UUID taskRunId) {
        StateTable s = TASK_RUN_STATE;
        ResultArtifactTable a = new ResultArtifactTable("state_result");
        return db.read(dsl -> dsl.select(StateRows.fields(s, a)).from(s.table())
                .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                .where(s.RUN_ID.eq(taskRunId)).orderBy(s.TIMESTAMP.asc())
                .fetch(r -> StateRows.map(r, s, a)));
    }

    @Override
    public Optional<State> readState(UUID stateId) {
        StateTable s = TASK_RUN_STATE;
        ResultArtifactTable a = new ResultArtifactTable("state_result");
        return db.read(dsl -> dsl.select(StateRows.fields(s, a)).from(s.table())
                .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                .where(s.ID.eq(stateId))
                .fetchOptional(r -> StateRows.map(r, s, a)));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.taskRun(TR));
    }
}
