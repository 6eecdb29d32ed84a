package io.baton.storage.jdbc;

import io.baton.domain.Times;
import io.baton.storage.jdbc.orchestration.SlotPorts;

import static io.baton.storage.jdbc.FlowRunRows.FR;
import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_INPUT;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules;
import io.baton.domain.orchestration.OrchestrationResult;
import io.baton.domain.orchestration.ResponseDetails;
import io.baton.domain.orchestration.SetStateStatus;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPatch;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.RunHistory;
import io.baton.domain.run.RunJson;
import io.baton.domain.run.RunNames;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.FlowRunStore;
import io.baton.storage.RejectedRequestException;
import io.baton.storage.RejectedRequestException.Reason;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import io.baton.storage.jdbc.orchestration.TransactionPorts;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

public final class JdbcFlowRunStore implements FlowRunStore {

    private static final Field<java.time.Instant> START_OR_EXPECTED = DSL.coalesce(FR.START_TIME, FR.EXPECTED_START_TIME);

    static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "ID_DESC", List.of(FR.ID.desc()),
            "START_TIME_ASC", List.of(START_OR_EXPECTED.asc(), FR.ID.asc()),
            "START_TIME_DESC", List.of(START_OR_EXPECTED.desc(), FR.ID.desc()),
            "EXPECTED_START_TIME_ASC", List.of(FR.EXPECTED_START_TIME.asc(), FR.ID.asc()),
            "EXPECTED_START_TIME_DESC", List.of(FR.EXPECTED_START_TIME.desc(), FR.ID.desc()),
            "NAME_ASC", List.of(FR.NAME.asc(), FR.ID.asc()),
            "NAME_DESC", List.of(FR.NAME.desc(), FR.ID.desc()),
            "NEXT_SCHEDULED_START_TIME_ASC", List.of(FR.NEXT_SCHEDULED_START_TIME.asc(), FR.ID.asc()),
            "END_TIME_DESC", List.of(FR.END_TIME.desc(), FR.ID.desc()));

    private final Database db;
    private final SlotPorts slots;
    private final Clock clock;
    private final RunEffectSinks sinks;

    public JdbcFlowRunStore(Database db, SlotPorts slots, RunEffectSinks sinks) {
        this(db, slots, sinks, Times.CLOCK);
    }

    /** {@code clock} is "now" for orchestration and the run columns it stamps. */
    public JdbcFlowRunStore(Database db, SlotPorts slots, RunEffectSinks sinks, Clock clock) {
        this.db = db;
        this.slots = slots;
        this.sinks = sinks;
        this.clock = clock;
    }


    @Override
    public void setCreatedBy(UUID id, JsonNode createdBy) {
        db.writeVoid(dsl -> dsl.update(FR.table()).set(FR.CREATED_BY, createdBy).where(FR.ID.eq(id)).execute());
    }

    @Override
    public Upserted<FlowRunRecord> create(NewFlowRun c, ClientInfo client) {
        Committed<Upserted<FlowRunRecord>> done = db.write(dsl -> {
            Instant now = clock.instant();
            UUID queueId = c.workQueueId() != null ? c.workQueueId() : resolveWorkQueue(dsl, c.workPoolName(), c.workQueueName());
            String queueName = c.workQueueName();
            if (queueId != null && queueName == null) {
                queueName = dsl.select(WORK_QUEUE.NAME).from(WORK_QUEUE.table()).where(WORK_QUEUE.ID.eq(queueId))
                        .fetchOne(WORK_QUEUE.NAME);
            }
            UUID id = Ids.uuid7(now);
            JsonNode policy = RunJson.flowRunPolicy(c.empiricalPolicy() == null ? FlowRunPolicy.DEFAULT : c.empiricalPolicy());
            int inserted = INSERT.execute(dsl, id, now, now, c.name() == null ? RunNames.generate() : c.name(),
                    c.flowId(), c.flowVersion(), c.deploymentId(), c.deploymentVersion(), orEmptyObject(c.parameters()),
                    orEmptyObject(c.context()), c.parentTaskRunId(), c.infrastructureDocumentId(), policy,
                    Rows.json(c.tags()), labels(dsl, c), c.idempotencyKey(), queueId, queueName,
                    orEmptyObject(c.jobVariables()), 0, 0.0, false);
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            if (inserted == 1) {
                // Orchestration needs only the run's own columns, all known here: no read of the row just written.
                FlowRun created = new FlowRun(id, c.flowId(), c.deploymentId(), c.parentTaskRunId(), null,
                        RunJson.flowRunPolicy(policy), RunBookkeeping.EMPTY);
                StateCreate initial = c.state() == null ? StateCreate.of(StateType.PENDING) : c.state();
                orchestration.knowLatestState(id, null);
                orchestration.setFlowRunState(created, null, initial, true, client);
                return new Committed<>(new Upserted<>(readIn(dsl, id).orElseThrow(), true), orchestration);
            }
            FlowRunRecord existing = FlowRunRows.select(dsl)
                    .where(FR.FLOW_ID.eq(c.flowId())).and(FR.IDEMPOTENCY_KEY.eq(c.idempotencyKey()))
                    .fetchOne(FlowRunRows::map);
            return new Committed<>(new Upserted<>(existing, false), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    /** The new run's row; a second run with the same (flow, idempotency key) inserts nothing. */
    private static final HotStatement INSERT = HotStatement.update(p -> DSL.insertInto(FR.table())
            .set(FR.ID, p.of(FR.ID))
            .set(FR.CREATED, p.of(FR.CREATED))
            .set(FR.UPDATED, p.of(FR.UPDATED))
            .set(FR.NAME, p.of(FR.NAME))
            .set(FR.FLOW_ID, p.of(FR.FLOW_ID))
            .set(FR.FLOW_VERSION, p.of(FR.FLOW_VERSION))
            .set(FR.DEPLOYMENT_ID, p.of(FR.DEPLOYMENT_ID))
            .set(FR.DEPLOYMENT_VERSION, p.of(FR.DEPLOYMENT_VERSION))
            .set(FR.PARAMETERS, p.of(FR.PARAMETERS))
            .set(FR.CONTEXT, p.of(FR.CONTEXT))
            .set(FR.PARENT_TASK_RUN_ID, p.of(FR.PARENT_TASK_RUN_ID))
            .set(FR.INFRASTRUCTURE_DOCUMENT_ID, p.of(FR.INFRASTRUCTURE_DOCUMENT_ID))
            .set(FR.EMPIRICAL_POLICY, p.of(FR.EMPIRICAL_POLICY))
            .set(FR.TAGS, p.of(FR.TAGS))
            .set(FR.LABELS, p.of(FR.LABELS))
            .set(FR.IDEMPOTENCY_KEY, p.of(FR.IDEMPOTENCY_KEY))
            .set(FR.WORK_QUEUE_ID, p.of(FR.WORK_QUEUE_ID))
            .set(FR.WORK_QUEUE_NAME, p.of(FR.WORK_QUEUE_NAME))
            .set(FR.JOB_VARIABLES, p.of(FR.JOB_VARIABLES))
            .set(FR.RUN_COUNT, p.of(FR.RUN_COUNT))
            .set(FR.TOTAL_RUN_TIME, p.of(FR.TOTAL_RUN_TIME))
            .set(FR.AUTO_SCHEDULED, p.of(FR.AUTO_SCHEDULED))
            .onConflict(Sql.unqualified(FR.FLOW_ID), Sql.unqualified(FR.IDEMPOTENCY_KEY))
            .doNothing());

    private static final HotStatement FLOW_LABELS = HotStatement.select(List.of(FLOW.LABELS),
            p -> DSL.select(FLOW.LABELS).from(FLOW.table()).where(FLOW.ID.eq(p.of(FLOW.ID))));

    private static final HotStatement DEPLOYMENT_LABELS = HotStatement.select(List.of(DEPLOYMENT.LABELS),
            p -> DSL.select(DEPLOYMENT.LABELS).from(DEPLOYMENT.table()).where(DEPLOYMENT.ID.eq(p.of(DEPLOYMENT.ID))));

    /** A named pool resolves to its named queue, or to its default queue when no queue is named. */
    private static UUID resolveWorkQueue(DSLContext dsl, String poolName, String queueName) {
        if (poolName == null) {
            return null;
        }
        Record pool = dsl.select(WORK_POOL.ID, WORK_POOL.DEFAULT_QUEUE_ID).from(WORK_POOL.table())
                .where(WORK_POOL.NAME.eq(poolName)).fetchOne();
        if (pool == null) {
            throw new RejectedRequestException(Reason.NOT_FOUND, "Work pool \"" + poolName + "\" not found.");
        }
        if (queueName == null) {
            return pool.get(WORK_POOL.DEFAULT_QUEUE_ID);
        }
        return dsl.select(WORK_QUEUE.ID).from(WORK_QUEUE.table())
                .where(WORK_QUEUE.WORK_POOL_ID.eq(pool.get(WORK_POOL.ID))).and(WORK_QUEUE.NAME.eq(queueName))
                .fetchOptional(WORK_QUEUE.ID)
                .orElseThrow(() -> new RejectedRequestException(Reason.NOT_FOUND,
                        "Work pool queue '" + poolName + "/" + queueName + "' not found."));
    }

    /** The deployment's (or else the flow's) labels, then the system labels, then the caller's. */
    private static JsonNode labels(DSLContext dsl, NewFlowRun c) {
        ObjectNode out = Json.object();
        Record row = c.deploymentId() != null
                ? DEPLOYMENT_LABELS.fetchFirst(dsl, c.deploymentId())
                : FLOW_LABELS.fetchFirst(dsl, c.flowId());
        JsonNode parent = row == null ? null : (JsonNode) row.get(0);
        if (parent != null && parent.isObject()) {
            out.setAll((ObjectNode) parent);
        }
        out.put("prefect.flow.id", c.flowId().toString());
        if (c.deploymentId() != null) {
            out.put("prefect.deployment.id", c.deploymentId().toString());
        }
        if (c.labels() != null && c.labels().isObject()) {
            out.setAll((ObjectNode) c.labels());
        }
        return out;
    }

    private static JsonNode orEmptyObject(JsonNode node) {
        return node == null || node.isNull() ? Json.object() : node;
    }

    @Override
    public Optional<FlowRunRecord> read(UUID id) {
        return db.read(dsl -> readIn(dsl, id));
    }

    static Optional<FlowRunRecord> readIn(DSLContext dsl, UUID id) {
        return FlowRunRows.read(dsl, id);
    }

    @Override
    public List<FlowRunRecord> filter(Query query) {
        return db.read(dsl -> FlowRunRows.select(dsl)
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "ID_DESC" : query.sort(), SORTS.get("ID_DESC")))
                .limit(query.limit())
                .offset(query.offset())
                .fetch(FlowRunRows::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(FR.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    @Override
    public boolean update(UUID id, FlowRunPatch patch) {
        return db.write(dsl -> {
            Optional<FlowRunRecord> current = readIn(dsl, id);
            if (current.isEmpty()) {
                return false;
            }
            Map<Field<?>, Object> changes = new HashMap<>();
            patch.name().ifPresent(v -> changes.put(FR.NAME, v));
            patch.flowVersion().ifPresent(v -> changes.put(FR.FLOW_VERSION, v));
            patch.parameters().ifPresent(v -> changes.put(FR.PARAMETERS, v));
            patch.empiricalPolicy().ifPresent(v -> changes.put(FR.EMPIRICAL_POLICY, RunJson.flowRunPolicy(v)));
            patch.tags().ifPresent(v -> changes.put(FR.TAGS, Rows.json(v)));
            patch.infrastructurePid().ifPresent(v -> changes.put(FR.INFRASTRUCTURE_PID, v));
            if (patch.jobVariables().isPresent()) {
                FlowRunRecord run = current.get();
                StateType type = run.bookkeeping().stateType();
                if (type != StateType.SCHEDULED) {
                    throw new RejectedRequestException(Reason.NOT_ALLOWED, "Job variables for a flow run in state "
                            + (type == null ? "None" : type.name()) + " cannot be updated");
                }
                UUID deploymentId = run.run().deploymentId();
                if (deploymentId == null || !dsl.fetchExists(DEPLOYMENT.table(), DEPLOYMENT.ID.eq(deploymentId))) {
                    throw new RejectedRequestException(Reason.NOT_ALLOWED, "A deployment for the flow run could not be found");
                }
                changes.put(FR.JOB_VARIABLES, patch.jobVariables().get());
            }
            changes.put(FR.UPDATED, clock.instant());
            dsl.update(FR.table()).set(changes).where(FR.ID.eq(id)).execute();
            return true;
        });
    }

    @Override
    public boolean mergeLabels(UUID id, JsonNode labels) {
        return db.write(dsl -> {
            if (!FlowRunRows.lock(dsl, id)) {
                return false;
            }
            JsonNode current = dsl.select(FR.LABELS).from(FR.table()).where(FR.ID.eq(id)).fetchOne(FR.LABELS);
            ObjectNode merged = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : Json.object();
            if (labels != null && labels.isObject()) {
                merged.setAll((ObjectNode) labels);
            }
            dsl.update(FR.table()).set(FR.LABELS, merged).set(FR.UPDATED, clock.instant())
                    .where(FR.ID.eq(id)).execute();
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> deleteIn(dsl, id));
    }

    @Override
    public List<UUID> bulkDelete(Criterion criterion, int limit) {
        return db.write(dsl -> {
            List<UUID> ids = dsl.select(FR.ID).from(FR.table()).where(condition(dsl, criterion)).limit(limit).fetch(FR.ID);
            List<UUID> deleted = new ArrayList<>();
            for (UUID id : ids) {
                if (deleteIn(dsl, id)) {
                    deleted.add(id);
                }
            }
            return deleted;
        });
    }

    /** Deletes a locked run, first giving back the deployment concurrency slot it holds (DATA-MODEL.md 3). */
    private boolean deleteIn(DSLContext dsl, UUID id) {
        if (!FlowRunRows.lock(dsl, id)) {
            return false;
        }
        FlowRunRecord run = readIn(dsl, id).orElseThrow();
        if (run.run().deploymentId() != null) {
            SlotPorts.Binding bound = slots.bind(dsl);
            DeploymentConcurrencyRules.releaseDeploymentSlot(run.run(), run.state(),
                    TransactionPorts.create(dsl, bound.concurrency(), bound.leases(), clock));
        }
        return dsl.deleteFrom(FR.table()).where(FR.ID.eq(id)).execute() == 1;
    }

    @Override
    public Optional<Transition> setState(UUID id, StateCreate proposal, boolean force, ClientInfo client) {
        Committed<Optional<Transition>> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            Optional<FlowRunRows.Transitioning> locked = FlowRunRows.lockAndRead(dsl, id);
            if (locked.isEmpty()) {
                return new Committed<>(Optional.<Transition>empty(), orchestration);
            }
            FlowRunRecord run = locked.get().run();
            orchestration.knowRelated(id, locked.get().related());
            orchestration.knowLatestState(id, locked.get().latestStateTimestamp());
            OrchestrationOutcome<FlowRun> outcome = orchestration.setFlowRunState(run, proposal, force, client);
            return new Committed<>(Optional.of(new Transition(id, outcome.result(), outcome.wroteState())), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    @Override
    public List<Transition> bulkSetState(Criterion criterion, StateCreate proposal, boolean force, int limit,
                                         ClientInfo client) {
        List<UUID> ids = db.read(dsl -> dsl.select(FR.ID).from(FR.table()).where(condition(dsl, criterion))
                .orderBy(FR.ID).limit(limit).fetch(FR.ID));
        List<Transition> out = new ArrayList<>();
        for (UUID id : ids) {
            setState(id, proposal, force, client).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<Transition> resume(UUID id, JsonNode runInput, ClientInfo client) {
        Committed<Optional<Transition>> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            if (!FlowRunRows.lock(dsl, id)) {
                return new Committed<>(Optional.<Transition>empty(), orchestration);
            }
            FlowRunRecord run = readIn(dsl, id).orElseThrow();
            State state = run.state();
            if (state == null || !state.is(StateType.PAUSED)) {
                return new Committed<>(Optional.of(new Transition(id, new OrchestrationResult(null, SetStateStatus.ABORT,
                        new ResponseDetails.Abort("Cannot resume a flow run that is not paused.")), false)), orchestration);
            }
            Map<String, String> keyset = state.details().runInputKeyset();
            if (keyset != null && !keyset.isEmpty()) {
                Optional<String> rejection = storeRunInput(dsl, id, keyset, runInput);
                if (rejection.isPresent()) {
                    return new Committed<>(Optional.of(new Transition(id, new OrchestrationResult(state, SetStateStatus.REJECT,
                            new ResponseDetails.Abort(rejection.get())), false)), orchestration);
                }
            }
            Instant now = clock.instant();
            StateCreate proposal = state.details().pauseReschedule()
                    ? new StateCreate(StateType.SCHEDULED, "Resuming", null, null,
                            StateDetails.DEFAULT.withScheduledTime(now))
                    : StateCreate.of(StateType.RUNNING);
            OrchestrationOutcome<FlowRun> outcome = orchestration.setFlowRunState(run, proposal, false, client);
            return new Committed<>(Optional.of(new Transition(id, outcome.result(), outcome.wroteState())), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    /**
     * Stores the resume input under the keyset's response key when the pause declared a schema for it.
     * @return the rejection reason, when the input cannot be accepted
     */
    private static Optional<String> storeRunInput(DSLContext dsl, UUID flowRunId, Map<String, String> keyset,
                                                  JsonNode runInput) {
        String schemaKey = keyset.get("schema");
        Optional<String> schema = dsl.select(FLOW_RUN_INPUT.VALUE).from(FLOW_RUN_INPUT.table())
                .where(FLOW_RUN_INPUT.FLOW_RUN_ID.eq(flowRunId)).and(FLOW_RUN_INPUT.KEY.eq(schemaKey))
                .fetchOptional(FLOW_RUN_INPUT.VALUE);
        if (schema.isEmpty()) {
            return Optional.of("Run input schema not found.");
        }
        try {
            Json.read(schema.get());
        } catch (RuntimeException e) {
            return Optional.of("Run input schema is not valid JSON.");
        }
        String responseKey = keyset.get("response");
        if (responseKey != null) {
            Instant now = Times.now();
            dsl.insertInto(FLOW_RUN_INPUT.table())
                    .set(FLOW_RUN_INPUT.ID, Ids.uuid7(now))
                    .set(FLOW_RUN_INPUT.CREATED, now)
                    .set(FLOW_RUN_INPUT.UPDATED, now)
                    .set(FLOW_RUN_INPUT.FLOW_RUN_ID, flowRunId)
                    .set(FLOW_RUN_INPUT.KEY, responseKey)
                    .set(FLOW_RUN_INPUT.VALUE, Json.write(runInput == null || runInput.isMissingNode() ? Json.object() : runInput))
                    .onConflictDoNothing()
                    .execute();
        }
        return Optional.empty();
    }

    @Override
    public List<RunHistory.Bucket> history(Criterion criterion, Instant start, Instant end, Duration interval) {
        Instant now = clock.instant();
        List<RunHistory.Sample> samples = db.read(dsl -> FlowRunRows.select(dsl)
                .where(condition(dsl, criterion))
                .and(FR.EXPECTED_START_TIME.ge(start)).and(FR.EXPECTED_START_TIME.lt(end))
                .fetch(FlowRunRows::map))
                .stream()
                .filter(r -> r.bookkeeping().stateType() != null)
                .map(r -> new RunHistory.Sample(r.bookkeeping().stateType().name(), r.bookkeeping().stateName(),
                        r.bookkeeping().expectedStartTime(), RunEstimates.estimatedRunTime(r.bookkeeping(), now),
                        RunEstimates.estimatedStartTimeDelta(r.bookkeeping(), now)))
                .toList();
        return RunHistory.buckets(start, end, interval, samples);
    }

    @Override
    public List<State> states(UUID flowRunId) {
        StateTable s = FLOW_RUN_STATE;
        ResultArtifactTable a = new ResultArtifactTable("state_result");
        return db.read(dsl -> dsl.select(StateRows.fields(s, a)).from(s.table())
                .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                .where(s.RUN_ID.eq(flowRunId)).orderBy(s.TIMESTAMP.asc())
                .fetch(r -> StateRows.map(r, s, a)));
    }

    @Override
    public Optional<State> readState(UUID stateId) {
        StateTable s = FLOW_RUN_STATE;
        ResultArtifactTable a = new ResultArtifactTable("state_result");
        return db.read(dsl -> dsl.select(StateRows.fields(s, a)).from(s.table())
                .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                .where(s.ID.eq(stateId))
                .fetchOptional(r -> StateRows.map(r, s, a)));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.flowRun(FR));
    }
}
