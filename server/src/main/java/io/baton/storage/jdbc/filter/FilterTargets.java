package io.baton.storage.jdbc.filter;

import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.BOOLEAN;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.INSTANT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.INTEGER;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.JSON_LIST;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.TEXT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.UUID;

import io.baton.domain.filter.Criterion;
import io.baton.storage.jdbc.SqlFunctions;
import io.baton.storage.jdbc.tables.DeploymentTable;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.FlowTable;
import io.baton.storage.jdbc.tables.TaskRunTable;
import io.baton.storage.jdbc.tables.WorkPoolTable;
import io.baton.storage.jdbc.tables.WorkQueueTable;
import io.baton.storage.jdbc.tables.WorkerTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The filterable run objects and how they relate: flows, flow runs, task runs, deployments, work pools
 * and work queues. Cross-object filters become EXISTS subqueries on freshly aliased tables.
 */
public final class FilterTargets {

    private FilterTargets() {}

    /** Relation names as used in {@link Criterion.Related}. */
    public static final String FLOW = "flow";
    public static final String FLOW_RUN = "flow_run";
    public static final String TASK_RUN = "task_run";
    public static final String DEPLOYMENT = "deployment";
    public static final String WORK_POOL = "work_pool";
    public static final String WORK_QUEUE = "work_queue";
    public static final String WORKER = "worker";

    /** The request-body keys of run-object filters and the objects they name. */
    public static final Map<String, String> BODY_KEYS = Map.of(
            "flows", FLOW,
            "flow_runs", FLOW_RUN,
            "task_runs", TASK_RUN,
            "deployments", DEPLOYMENT,
            "work_pools", WORK_POOL,
            "work_pool_queues", WORK_QUEUE,
            "work_queues", WORK_QUEUE,
            "workers", WORKER);

    private static Condition exists(org.jooq.Table<?> table, Condition where) {
        return DSL.exists(DSL.selectOne().from(table).where(where));
    }

    private abstract static class Base implements FilterTarget {
        private final Map<String, Column> columns = new HashMap<>();

        protected void column(String field, Field<?> expr, ColumnKind kind) {
            columns.put(field, new Column(expr, kind));
        }

        @Override
        public Column column(String field) {
            return columns.get(field);
        }

        @Override
        public Condition related(String relation, Criterion criterion, FilterCompiler compiler) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot be filtered by " + relation);
        }
    }

    /** The flow with id {@code flowId} matches. */
    private static Condition flowIs(Field<java.util.UUID> flowId, Criterion criterion, FilterCompiler c) {
        FlowTable f = new FlowTable(c.alias("flow"));
        return exists(f.table(), f.ID.eq(flowId).and(c.compile(criterion, flow(f))));
    }

    /** The deployment with id {@code deploymentId} matches. */
    private static Condition deploymentIs(Field<java.util.UUID> deploymentId, Criterion criterion, FilterCompiler c) {
        DeploymentTable d = new DeploymentTable(c.alias("deployment"));
        return exists(d.table(), d.ID.eq(deploymentId).and(c.compile(criterion, deployment(d))));
    }

    /** The work queue with id {@code workQueueId} matches. */
    private static Condition queueIs(Field<java.util.UUID> workQueueId, Criterion criterion, FilterCompiler c) {
        WorkQueueTable wq = new WorkQueueTable(c.alias("work_queue"));
        return exists(wq.table(), wq.ID.eq(workQueueId).and(c.compile(criterion, workQueue(wq))));
    }

    /** The work pool of the queue with id {@code workQueueId} matches. */
    private static Condition poolOfQueue(Field<java.util.UUID> workQueueId, Criterion criterion, FilterCompiler c) {
        WorkQueueTable wq = new WorkQueueTable(c.alias("work_queue"));
        WorkPoolTable wp = new WorkPoolTable(c.alias("work_pool"));
        return DSL.exists(DSL.selectOne().from(wq.table()).join(wp.table()).on(wp.ID.eq(wq.WORK_POOL_ID))
                .where(wq.ID.eq(workQueueId)).and(c.compile(criterion, workPool(wp))));
    }

    /** Some flow run selected by {@code link} matches. */
    private static Condition flowRunsWhere(Function<FlowRunTable, Condition> link, Criterion criterion, FilterCompiler c) {
        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
        return exists(fr.table(), link.apply(fr).and(c.compile(criterion, flowRun(fr))));
    }

    /** Some task run of the flow runs selected by {@code link} matches. */
    private static Condition taskRunsOfFlowRunsWhere(Function<FlowRunTable, Condition> link, Criterion criterion,
                                                     FilterCompiler c) {
        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
        TaskRunTable tr = new TaskRunTable(c.alias("task_run"));
        return DSL.exists(DSL.selectOne().from(fr.table()).join(tr.table()).on(tr.FLOW_RUN_ID.eq(fr.ID))
                .where(link.apply(fr)).and(c.compile(criterion, taskRun(tr))));
    }

    public static FilterTarget flow(FlowTable f) {
        return new Base() {
            {
                column("id", f.ID, UUID);
                column("name", f.NAME, TEXT);
                column("tags", f.TAGS, JSON_LIST);
            }

            @Override
            public Condition special(Criterion.Match m, FilterCompiler c) {
                if (m.field().equals("deployment")) {
                    DeploymentTable d = new DeploymentTable(c.alias("deployment"));
                    Condition has = exists(d.table(), d.FLOW_ID.eq(f.ID));
                    return m.op() == Criterion.Op.IS_NULL ? has.not() : has;
                }
                return null;
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case FLOW_RUN -> flowRunsWhere(fr -> fr.FLOW_ID.eq(f.ID), criterion, c);
                    case TASK_RUN -> taskRunsOfFlowRunsWhere(fr -> fr.FLOW_ID.eq(f.ID), criterion, c);
                    case DEPLOYMENT -> {
                        DeploymentTable d = new DeploymentTable(c.alias("deployment"));
                        yield exists(d.table(), d.FLOW_ID.eq(f.ID).and(c.compile(criterion, deployment(d))));
                    }
                    case WORK_POOL -> {
                        DeploymentTable d = new DeploymentTable(c.alias("deployment"));
                        yield exists(d.table(), d.FLOW_ID.eq(f.ID).and(poolOfQueue(d.WORK_QUEUE_ID, criterion, c)));
                    }
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }

    public static FilterTarget flowRun(FlowRunTable fr) {
        return new Base() {
            {
                column("id", fr.ID, UUID);
                column("name", fr.NAME, TEXT);
                column("tags", fr.TAGS, JSON_LIST);
                column("deployment_id", fr.DEPLOYMENT_ID, UUID);
                column("work_queue_name", fr.WORK_QUEUE_NAME, TEXT);
                column("state.type", fr.STATE_TYPE, TEXT);
                column("state.name", fr.STATE_NAME, TEXT);
                column("flow_version", fr.FLOW_VERSION, TEXT);
                // Not-yet-started runs match start-time windows by their expected start.
                column("start_time", DSL.coalesce(fr.START_TIME, fr.EXPECTED_START_TIME), INSTANT);
                column("end_time", fr.END_TIME, INSTANT);
                column("expected_start_time", fr.EXPECTED_START_TIME, INSTANT);
                column("next_scheduled_start_time", fr.NEXT_SCHEDULED_START_TIME, INSTANT);
                column("parent_task_run_id", fr.PARENT_TASK_RUN_ID, UUID);
                column("idempotency_key", fr.IDEMPOTENCY_KEY, TEXT);
                column("created_by", fr.CREATED_BY, TEXT);
            }

            @Override
            public Condition special(Criterion.Match m, FilterCompiler c) {
                switch (m.field()) {
                    case "start_time" -> {
                        if (m.op() == Criterion.Op.IS_NULL) {
                            return fr.START_TIME.isNull();
                        }
                        if (m.op() == Criterion.Op.IS_NOT_NULL) {
                            return fr.START_TIME.isNotNull();
                        }
                    }
                    case "created_by.id", "created_by.type" -> {
                        Field<String> key = SqlFunctions.jsonText(c.dialect(), fr.CREATED_BY, m.field().substring(11));
                        return key.in(m.values().stream().map(v -> v.asText()).toList());
                    }
                    case "parent_flow_run_id" -> {
                        TaskRunTable tr = new TaskRunTable(c.alias("task_run"));
                        return exists(tr.table(), tr.ID.eq(fr.PARENT_TASK_RUN_ID)
                                .and(c.compare(new Column(tr.FLOW_RUN_ID, UUID), m)));
                    }
                    default -> {
                        return null;
                    }
                }
                return null;
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case FLOW -> flowIs(fr.FLOW_ID, criterion, c);
                    case DEPLOYMENT -> deploymentIs(fr.DEPLOYMENT_ID, criterion, c);
                    case TASK_RUN -> {
                        TaskRunTable tr = new TaskRunTable(c.alias("task_run"));
                        yield exists(tr.table(), tr.FLOW_RUN_ID.eq(fr.ID).and(c.compile(criterion, taskRun(tr))));
                    }
                    case WORK_QUEUE -> queueIs(fr.WORK_QUEUE_ID, criterion, c);
                    case WORK_POOL -> poolOfQueue(fr.WORK_QUEUE_ID, criterion, c);
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }

    public static FilterTarget taskRun(TaskRunTable tr) {
        return new Base() {
            {
                column("id", tr.ID, UUID);
                column("name", tr.NAME, TEXT);
                column("tags", tr.TAGS, JSON_LIST);
                column("state.type", tr.STATE_TYPE, TEXT);
                column("state.name", tr.STATE_NAME, TEXT);
                column("start_time", tr.START_TIME, INSTANT);
                column("end_time", tr.END_TIME, INSTANT);
                column("expected_start_time", tr.EXPECTED_START_TIME, INSTANT);
                column("flow_run_id", tr.FLOW_RUN_ID, UUID);
            }

            @Override
            public Condition special(Criterion.Match m, FilterCompiler c) {
                if (m.field().equals("subflow_runs")) {
                    FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                    Condition has = exists(fr.table(), fr.PARENT_TASK_RUN_ID.eq(tr.ID));
                    return m.op() == Criterion.Op.EXISTS ? has : has.not();
                }
                return null;
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case FLOW_RUN -> {
                        // "flow_run_id IN (matching runs)" lets the planner read the matching runs first and find
                        // their task runs through the flow_run_id index; the correlated EXISTS probed the runs
                        // table once per task run (the UI's and clients' "task runs of this flow run" lookup).
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        yield tr.FLOW_RUN_ID.isNotNull().and(tr.FLOW_RUN_ID.in(
                                DSL.select(fr.ID).from(fr.table()).where(c.compile(criterion, flowRun(fr)))));
                    }
                    case FLOW -> {
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        yield exists(fr.table(), fr.ID.eq(tr.FLOW_RUN_ID).and(flowIs(fr.FLOW_ID, criterion, c)));
                    }
                    case DEPLOYMENT -> {
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        yield exists(fr.table(), fr.ID.eq(tr.FLOW_RUN_ID).and(deploymentIs(fr.DEPLOYMENT_ID, criterion, c)));
                    }
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }

    public static FilterTarget deployment(DeploymentTable d) {
        return new Base() {
            {
                column("id", d.ID, UUID);
                column("name", d.NAME, TEXT);
                column("paused", d.PAUSED, BOOLEAN);
                column("tags", d.TAGS, JSON_LIST);
                column("work_queue_name", d.WORK_QUEUE_NAME, TEXT);
                column("concurrency_limit", d.CONCURRENCY_LIMIT, INTEGER);
            }

            @Override
            public Condition special(Criterion.Match m, FilterCompiler c) {
                if (m.field().equals("concurrency_limit")) {
                    return DSL.trueCondition(); // deprecated filter: accepted and ignored
                }
                if (m.field().equals("flow_or_deployment_name")) {
                    FlowTable f = new FlowTable(c.alias("flow"));
                    String pattern = "%" + m.value().asText() + "%";
                    return FilterCompiler.ilike(d.NAME, pattern).or(exists(f.table(),
                            f.ID.eq(d.FLOW_ID).and(FilterCompiler.ilike(f.NAME, pattern))));
                }
                return null;
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case FLOW -> flowIs(d.FLOW_ID, criterion, c);
                    case FLOW_RUN -> flowRunsWhere(fr -> fr.DEPLOYMENT_ID.eq(d.ID), criterion, c);
                    case TASK_RUN -> taskRunsOfFlowRunsWhere(fr -> fr.DEPLOYMENT_ID.eq(d.ID), criterion, c);
                    case WORK_QUEUE -> queueIs(d.WORK_QUEUE_ID, criterion, c);
                    case WORK_POOL -> poolOfQueue(d.WORK_QUEUE_ID, criterion, c);
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }

    public static FilterTarget workPool(WorkPoolTable wp) {
        return new Base() {
            {
                column("id", wp.ID, UUID);
                column("name", wp.NAME, TEXT);
                column("type", wp.TYPE, TEXT);
            }
        };
    }

    public static FilterTarget workQueue(WorkQueueTable wq) {
        return new Base() {
            {
                column("id", wq.ID, UUID);
                column("name", wq.NAME, TEXT);
            }
        };
    }

    /**
     * Workers of a pool. {@code status} is not the stored column but the liveness at {@code now}, as the API
     * derives it on every read.
     */
    public static FilterTarget worker(WorkerTable w, Instant now) {
        return new Base() {
            {
                column("last_heartbeat_time", w.LAST_HEARTBEAT_TIME, INSTANT);
            }

            @Override
            public Condition special(Criterion.Match m, FilterCompiler c) {
                if (!m.field().equals("status")) {
                    return null;
                }
                Condition online = WorkerLiveness.online(c.dialect(), w, now);
                boolean wantsOnline = m.values().stream().anyMatch(v -> v.asText().equals("ONLINE"));
                boolean offline = m.values().stream().anyMatch(v -> v.asText().equals("OFFLINE"));
                Condition matches = wantsOnline && offline ? DSL.trueCondition()
                        : wantsOnline ? online : offline ? online.not() : DSL.falseCondition();
                return m.op() == Criterion.Op.NOT_IN ? matches.not() : matches;
            }
        };
    }

}
