package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT;
import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT_COLLECTION;
import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;

import io.baton.domain.filter.Criterion;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.StateType;
import io.baton.domain.view.FlowRunGraph;
import io.baton.domain.view.NextFlowRun;
import io.baton.domain.view.TaskRunDashboard;
import io.baton.storage.Database;
import io.baton.storage.RunViewStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.TaskRunTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/** UI aggregates over flow runs and task runs; one query per answer, nothing written. */
public final class JdbcRunViewStore implements RunViewStore {

    private static final FlowRunTable FR = FlowRunTable.FLOW_RUN;
    private static final TaskRunTable TR = TaskRunTable.TASK_RUN;
    /** Flow runs seen as subflows of a task run (the parent-task check). */
    private static final FlowRunTable SUBFLOW = new FlowRunTable("subflow");

    private final Database db;

    public JdbcRunViewStore(Database db) {
        this.db = db;
    }

    @Override
    public Map<UUID, Long> deploymentCounts(Collection<UUID> flowIds) {
        if (flowIds.isEmpty()) {
            return Map.of();
        }
        return db.read(dsl -> dsl.select(DEPLOYMENT.FLOW_ID, DSL.count()).from(DEPLOYMENT.table())
                .where(DEPLOYMENT.FLOW_ID.in(flowIds)).groupBy(DEPLOYMENT.FLOW_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue()));
    }

    @Override
    public Map<UUID, NextFlowRun> nextRuns(Collection<UUID> flowIds) {
        if (flowIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, NextFlowRun> out = new HashMap<>();
        db.read(dsl -> dsl.select(FR.ID, FR.FLOW_ID, FR.NAME, FR.STATE_NAME, FR.STATE_TYPE, FR.NEXT_SCHEDULED_START_TIME)
                .from(FR.table())
                .where(FR.FLOW_ID.in(flowIds)).and(FR.STATE_TYPE.eq(StateType.SCHEDULED.name()))
                .and(FR.NEXT_SCHEDULED_START_TIME.isNotNull())
                .orderBy(FR.NEXT_SCHEDULED_START_TIME.asc(), FR.ID.asc())
                .fetch()).forEach(r -> out.putIfAbsent(r.get(FR.FLOW_ID), new NextFlowRun(r.get(FR.ID),
                        r.get(FR.FLOW_ID), r.get(FR.NAME), r.get(FR.STATE_NAME), StateType.valueOf(r.get(FR.STATE_TYPE)),
                        r.get(FR.NEXT_SCHEDULED_START_TIME))));
        return out;
    }

    @Override
    public Map<UUID, Long> taskRunCounts(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return Map.of();
        }
        return db.read(dsl -> dsl.select(TR.FLOW_RUN_ID, DSL.count()).from(TR.table())
                .where(TR.FLOW_RUN_ID.in(flowRunIds))
                .andNotExists(DSL.selectOne().from(SUBFLOW.table()).where(SUBFLOW.PARENT_TASK_RUN_ID.eq(TR.ID)))
                .groupBy(TR.FLOW_RUN_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue()));
    }

    @Override
    public Map<String, Long> taskRunCountsByState(Criterion criterion) {
        return db.read(dsl -> dsl.select(TR.STATE_TYPE, DSL.count()).from(TR.table())
                .where(new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.taskRun(TR)))
                .and(TR.STATE_TYPE.isNotNull())
                .groupBy(TR.STATE_TYPE)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue()));
    }

    @Override
    public List<TaskRunDashboard.Sample> taskRunSamples(Criterion criterion) {
        return db.read(dsl -> dsl.select(TR.START_TIME, TR.STATE_TYPE).from(TR.table())
                .where(new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.taskRun(TR)))
                .and(TR.START_TIME.isNotNull()).and(TR.STATE_TYPE.isNotNull())
                .fetch(r -> new TaskRunDashboard.Sample(r.value1(), StateType.valueOf(r.value2()))));
    }

    @Override
    public Optional<Double> averageLateness(Criterion criterion, Instant now) {
        // The delta depends on the clock and the state, so it is computed here over a streamed projection.
        return db.read(dsl -> {
            double totalSeconds = 0;
            long n = 0;
            try (Cursor<Record3<String, Instant, Instant>> rows = dsl
                    .select(FR.STATE_TYPE, FR.EXPECTED_START_TIME, FR.START_TIME).from(FR.table())
                    .where(new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.flowRun(FR)))
                    .fetchSize(1000).fetchLazy()) {
                for (Record3<String, Instant, Instant> r : rows) {
                    RunBookkeeping b = new RunBookkeeping(null, r.value1() == null ? null : StateType.valueOf(r.value1()),
                            null, null, 0, r.value2(), null, r.value3(), null, Duration.ZERO);
                    Duration delta = RunEstimates.estimatedStartTimeDelta(b, now);
                    totalSeconds += delta.toNanos() / 1e9;
                    n++;
                }
            }
            return n == 0 ? Optional.<Double>empty() : Optional.of(totalSeconds / n);
        });
    }

    @Override
    public Optional<String> flowRunName(UUID flowRunId) {
        return db.read(dsl -> dsl.select(FR.NAME).from(FR.table()).where(FR.ID.eq(flowRunId)).fetchOptional(r -> r.value1()));
    }

    @Override
    public List<TaskRunRecord> taskRunsOf(UUID flowRunId, int limit) {
        return db.read(dsl -> TaskRunRows.select(dsl).where(TaskRunRows.TR.FLOW_RUN_ID.eq(flowRunId))
                .orderBy(TaskRunRows.TR.EXPECTED_START_TIME.asc(), TaskRunRows.TR.ID.asc())
                .limit(limit).fetch(TaskRunRows::map));
    }

    @Override
    public Optional<FlowRunGraph.Graph> graph(UUID flowRunId, Instant since, int maxNodes, int maxArtifacts) {
        return db.read(dsl -> {
            var run = dsl.select(FR.START_TIME, FR.END_TIME).from(FR.table()).where(FR.ID.eq(flowRunId)).fetchOne();
            if (run == null) {
                return Optional.<FlowRunGraph.Graph>empty();
            }
            List<FlowRunGraph.TaskNode> tasks = dsl.select(TR.ID, TR.NAME, TR.STATE_TYPE, TR.START_TIME,
                            TR.EXPECTED_START_TIME, TR.END_TIME, TR.TASK_INPUTS, SUBFLOW.ID, SUBFLOW.NAME, FLOW.NAME,
                            SUBFLOW.STATE_TYPE, SUBFLOW.START_TIME, SUBFLOW.EXPECTED_START_TIME, SUBFLOW.END_TIME)
                    .from(TR.table())
                    .leftJoin(SUBFLOW.table()).on(SUBFLOW.PARENT_TASK_RUN_ID.eq(TR.ID))
                    .leftJoin(FLOW.table()).on(FLOW.ID.eq(SUBFLOW.FLOW_ID))
                    .where(TR.FLOW_RUN_ID.eq(flowRunId))
                    .orderBy(TR.ID)
                    .fetch(r -> new FlowRunGraph.TaskNode(r.get(TR.ID), r.get(TR.NAME), type(r.get(TR.STATE_TYPE)),
                            r.get(TR.START_TIME), r.get(TR.EXPECTED_START_TIME), r.get(TR.END_TIME), r.get(TR.TASK_INPUTS),
                            r.get(SUBFLOW.ID) == null ? null : new FlowRunGraph.Subflow(r.get(SUBFLOW.ID),
                                    r.get(FLOW.NAME) + " / " + r.get(SUBFLOW.NAME), type(r.get(SUBFLOW.STATE_TYPE)),
                                    r.get(SUBFLOW.START_TIME), r.get(SUBFLOW.EXPECTED_START_TIME), r.get(SUBFLOW.END_TIME))));
            List<FlowRunGraph.Artifact> artifacts = dsl.select(ARTIFACT.ID, ARTIFACT.CREATED, ARTIFACT.KEY, ARTIFACT.TYPE,
                            ARTIFACT.DATA, ARTIFACT.TASK_RUN_ID, ARTIFACT_COLLECTION.LATEST_ID)
                    .from(ARTIFACT.table())
                    .leftJoin(ARTIFACT_COLLECTION.table()).on(ARTIFACT_COLLECTION.KEY.eq(ARTIFACT.KEY))
                    .where(ARTIFACT.FLOW_RUN_ID.eq(flowRunId))
                    .and(ARTIFACT.TYPE.isNull().or(ARTIFACT.TYPE.ne("result")))
                    .orderBy(ARTIFACT.CREATED.asc())
                    .limit(maxArtifacts)
                    .fetch(r -> new FlowRunGraph.Artifact(r.get(ARTIFACT.ID), r.get(ARTIFACT.CREATED), r.get(ARTIFACT.KEY),
                            r.get(ARTIFACT.TYPE), r.get(ARTIFACT.ID).equals(r.get(ARTIFACT_COLLECTION.LATEST_ID)),
                            r.get(ARTIFACT.DATA), r.get(ARTIFACT.TASK_RUN_ID)));
            List<FlowRunGraph.GraphState> states = dsl.select(FLOW_RUN_STATE.ID, FLOW_RUN_STATE.TIMESTAMP,
                            FLOW_RUN_STATE.TYPE, FLOW_RUN_STATE.NAME)
                    .from(FLOW_RUN_STATE.table()).where(FLOW_RUN_STATE.RUN_ID.eq(flowRunId))
                    .orderBy(FLOW_RUN_STATE.TIMESTAMP.asc())
                    .fetch(r -> new FlowRunGraph.GraphState(r.value1(), r.value2(), type(r.value3()), r.value4()));
            return Optional.of(FlowRunGraph.build(flowRunId, run.value1(), run.value2(), tasks, artifacts, states,
                    since, maxNodes, maxArtifacts));
        });
    }

    private static StateType type(String v) {
        return v == null ? null : StateType.valueOf(v);
    }
}
