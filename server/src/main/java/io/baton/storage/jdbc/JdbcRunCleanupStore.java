package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.FlowRunRows.FR;
import static io.baton.storage.jdbc.TaskRunRows.TR;

import io.baton.domain.Times;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.orchestration.SetStateStatus;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.storage.Database;
import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.jdbc.orchestration.SlotPorts;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.TaskRunTable;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Run services over the shared orchestration path: every change is a transition through the engine (so state
 * rows, bookkeeping, parent-task propagation and flow-run events happen as for an API call). Candidates are
 * listed without locks; each is then handled in its own write transaction that takes the run's row lock with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (a replica working on the same run is skipped, not waited for) and
 * re-checks the candidate condition under that lock, so two replicas never apply the same change twice.
 */
public final class JdbcRunCleanupStore implements RunCleanupStore {

    private static final List<String> TERMINAL = StateType.TERMINAL.stream().map(Enum::name).toList();
    private static final List<String> ACTIVE_SUBFLOW = List.of("PENDING", "SCHEDULED", "RUNNING", "PAUSED", "CANCELLING");

    private final Database db;
    private final SlotPorts slots;
    private final Clock clock;
    private final RunEffectSinks sinks;

    public JdbcRunCleanupStore(Database db, SlotPorts slots, RunEffectSinks sinks) {
        this(db, slots, sinks, Times.CLOCK);
    }

    /** {@code clock} is "now" for orchestration and the run columns it stamps. */
    public JdbcRunCleanupStore(Database db, SlotPorts slots, RunEffectSinks sinks, Clock clock) {
        this.db = db;
        this.slots = slots;
        this.sinks = sinks;
        this.clock = clock;
    }

    @Override
    public int cancelChildTaskRuns(Instant endedAfter, int runs, int tasksPerRun) {
        Condition nonTerminalTask = TR.STATE_TYPE.isNull().or(TR.STATE_TYPE.notIn(TERMINAL));
        List<UUID> flowRuns = db.read(dsl -> dsl.select(FR.ID).from(FR.table())
                .where(FR.STATE_TYPE.eq("CANCELLED")).and(FR.END_TIME.ge(endedAfter))
                .andExists(DSL.selectOne().from(TR.table()).where(TR.FLOW_RUN_ID.eq(FR.ID)).and(nonTerminalTask))
                .orderBy(FR.END_TIME).limit(runs).fetch(FR.ID));
        int cancelled = 0;
        for (UUID flowRun : flowRuns) {
            List<UUID> tasks = db.read(dsl -> dsl.select(TR.ID).from(TR.table())
                    .where(TR.FLOW_RUN_ID.eq(flowRun)).and(nonTerminalTask).orderBy(TR.ID).limit(tasksPerRun).fetch(TR.ID));
            for (UUID task : tasks) {
                if (transitionTask(task, nonTerminalTask,
                        new StateCreate(StateType.CANCELLED, "Cancelled", CHILD_TASK_CANCELLED, null, null))) {
                    cancelled++;
                }
            }
        }
        return cancelled;
    }

    @Override
    public int cancelOrphanedSubflows(int limit) {
        FlowRunTable parentRun = new FlowRunTable("parent_flow_run");
        TaskRunTable parentTask = new TaskRunTable("parent_task_run");
        Condition orphaned = FR.PARENT_TASK_RUN_ID.isNotNull().and(FR.STATE_TYPE.in(ACTIVE_SUBFLOW))
                .andExists(DSL.selectOne().from(parentTask.table())
                        .join(parentRun.table()).on(parentRun.ID.eq(parentTask.FLOW_RUN_ID))
                        .where(parentTask.ID.eq(FR.PARENT_TASK_RUN_ID)).and(parentRun.STATE_TYPE.eq("CANCELLED")));
        List<UUID> subflows = db.read(dsl -> dsl.select(FR.ID).from(FR.table()).where(orphaned)
                .and(FR.DEPLOYMENT_ID.isNull().or(FR.STATE_TYPE.ne("CANCELLING")))
                .orderBy(FR.ID).limit(limit).fetch(FR.ID));
        int changed = 0;
        for (UUID id : subflows) {
            Optional<Boolean> done = inLockedFlowRun(id, orphaned, (run, orchestration) -> {
                boolean hasDeployment = run.run().deploymentId() != null;
                if (hasDeployment && run.bookkeeping().stateType() == StateType.CANCELLING) {
                    return false;
                }
                StateCreate proposal = hasDeployment
                        ? StateCreate.of(StateType.CANCELLING, "Cancelling")
                        : StateCreate.of(StateType.CANCELLED, "Cancelled");
                return accepted(orchestration.setFlowRunState(run, proposal, true, ClientInfo.UNKNOWN));
            });
            if (done.orElse(false)) {
                changed++;
            }
        }
        return changed;
    }

    @Override
    public boolean cancelIfStillCancelling(UUID flowRunId, UUID cancellingStateId) {
        Condition stillThere = FR.STATE_ID.eq(cancellingStateId).and(FR.STATE_TYPE.eq("CANCELLING"));
        return inLockedFlowRun(flowRunId, stillThere, (run, orchestration) -> accepted(orchestration.setFlowRunState(run,
                new StateCreate(StateType.CANCELLED, "Cancelled", CANCELLING_TIMED_OUT, null, null), false,
                ClientInfo.UNKNOWN))).orElse(false);
    }

    @Override
    public int cancelStuckCancelling(Instant now, Duration timeout, int limit) {
        List<org.jooq.Record2<UUID, UUID>> stuck = db.read(dsl -> dsl.select(FR.ID, FR.STATE_ID).from(FR.table())
                .where(FR.STATE_TYPE.eq("CANCELLING")).and(FR.STATE_TIMESTAMP.le(now.minus(timeout)))
                .orderBy(FR.STATE_TIMESTAMP).limit(limit).fetch());
        int cancelled = 0;
        for (var row : stuck) {
            if (cancelIfStillCancelling(row.value1(), row.value2())) {
                cancelled++;
            }
        }
        return cancelled;
    }

    @Override
    public int failExpiredPauses(Instant now, int limit) {
        Condition paused = FR.STATE_TYPE.eq("PAUSED");
        List<UUID> candidates = db.read(dsl -> FlowRunRows.select(dsl).where(paused).orderBy(FR.STATE_TIMESTAMP)
                .limit(limit).fetch(FlowRunRows::map).stream()
                .filter(r -> expired(r, now)).map(FlowRunRecord::id).toList());
        int failed = 0;
        for (UUID id : candidates) {
            Optional<Boolean> done = inLockedFlowRun(id, paused, (run, orchestration) -> expired(run, now)
                    && accepted(orchestration.setFlowRunState(run,
                            new StateCreate(StateType.FAILED, "Failed", PAUSE_EXPIRED, null, null), true, ClientInfo.UNKNOWN)));
            if (done.orElse(false)) {
                failed++;
            }
        }
        return failed;
    }

    private static boolean expired(FlowRunRecord run, Instant now) {
        State state = run.state();
        Instant timeout = state == null ? null : state.details().pauseTimeout();
        return timeout != null && timeout.isBefore(now);
    }

    private static boolean accepted(OrchestrationOutcome<?> outcome) {
        return outcome.result().status() == SetStateStatus.ACCEPT && outcome.wroteState();
    }

    private interface FlowRunChange {
        boolean apply(FlowRunRecord run, RunOrchestration orchestration);
    }

    /**
     * Locks the flow run if it still satisfies {@code condition} (skipping it when another transaction holds it)
     * and applies {@code change}; empty when the run was skipped.
     */
    private Optional<Boolean> inLockedFlowRun(UUID id, Condition condition, FlowRunChange change) {
        Committed<Optional<Boolean>> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            if (!lockSkipping(dsl, FR.table(), FR.ID, id, condition)) {
                return new Committed<>(Optional.<Boolean>empty(), orchestration);
            }
            FlowRunRecord run = JdbcFlowRunStore.readIn(dsl, id).orElseThrow();
            return new Committed<>(Optional.of(change.apply(run, orchestration)), orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    private boolean transitionTask(UUID id, Condition condition, StateCreate proposal) {
        Committed<Boolean> done = db.write(dsl -> {
            RunOrchestration orchestration = new RunOrchestration(dsl, slots.bind(dsl), clock);
            if (!lockSkipping(dsl, TR.table(), TR.ID, id, condition)) {
                return new Committed<>(false, orchestration);
            }
            TaskRunRecord run = TaskRunRows.select(dsl).where(TR.ID.eq(id)).fetchOne(TaskRunRows::map);
            return new Committed<>(accepted(orchestration.setTaskRunState(run, proposal, true, ClientInfo.UNKNOWN)),
                    orchestration);
        });
        done.orchestration().afterCommit(sinks);
        return done.value();
    }

    /** The row, locked, if it still matches; on PostgreSQL a row locked elsewhere counts as not matching. */
    private static boolean lockSkipping(DSLContext dsl, Table<?> table, Field<UUID> idField, UUID id, Condition condition) {
        var query = dsl.select(idField).from(table).where(idField.eq(id)).and(condition);
        return (dsl.dialect() == SQLDialect.POSTGRES ? query.forUpdate().skipLocked().fetchOptional() : query.fetchOptional())
                .isPresent();
    }
}
