package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentScheduleTable.DEPLOYMENT_SCHEDULE;
import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.SchedulingTables.FLOW_RUN_STATE;

import io.baton.domain.Ids;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.schedule.ScheduledRun;
import io.baton.domain.schedule.SchedulerSettings;
import io.baton.domain.state.StateDetails;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.SchedulerStore;
import io.baton.storage.jdbc.tables.FlowRunTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

public final class JdbcSchedulerStore implements SchedulerStore {

    private final Database db;

    public JdbcSchedulerStore(Database db) {
        this.db = db;
    }

    @Override
    public List<UUID> deploymentsNeedingRuns(Instant now, SchedulerSettings settings, UUID afterId, int limit,
            Instant changedSince) {
        return db.read(dsl -> {
            var s = DEPLOYMENT_SCHEDULE;
            FlowRunTable fr = new FlowRunTable("fr_future");
            Condition futureRunsOfSchedule = fr.DEPLOYMENT_ID.eq(DEPLOYMENT.ID)
                    .and(fr.AUTO_SCHEDULED.isTrue())
                    .and(fr.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED")))
                    .and(fr.NEXT_SCHEDULED_START_TIME.ge(now))
                    .and(SqlFunctions.jsonText(dsl.dialect(), fr.CREATED_BY, "id").eq(idText(dsl.dialect(), s.ID)));
            Field<Integer> futureCount = DSL.field(DSL.selectCount().from(fr.table()).where(futureRunsOfSchedule));
            Field<Instant> latest = DSL.field(DSL.select(DSL.max(fr.NEXT_SCHEDULED_START_TIME)).from(fr.table())
                    .where(futureRunsOfSchedule));
            Condition needsRuns = futureCount.lt(settings.minRuns())
                    .or(latest.isNull())
                    .or(latest.lt(now.plus(settings.minScheduledTime())));
            Condition changed = changedSince == null ? DSL.trueCondition()
                    : DEPLOYMENT.UPDATED.ge(changedSince).or(s.UPDATED.ge(changedSince));
            return dsl.selectDistinct(DEPLOYMENT.ID).from(DEPLOYMENT.table())
                    .join(s.table()).on(s.DEPLOYMENT_ID.eq(DEPLOYMENT.ID))
                    .where(DEPLOYMENT.PAUSED.isFalse())
                    .and(s.ACTIVE.isTrue())
                    .and(afterId == null ? DSL.trueCondition() : DEPLOYMENT.ID.gt(afterId))
                    .and(changed)
                    .and(needsRuns)
                    .orderBy(DEPLOYMENT.ID)
                    .limit(limit)
                    .fetch(DEPLOYMENT.ID);
        });
    }

    private static Field<String> idText(SQLDialect dialect, Field<UUID> id) {
        return dialect == SQLDialect.POSTGRES ? DSL.field("{0}::text", String.class, id) : DSL.field("{0}", String.class, id);
    }

    @Override
    public int insertScheduledRuns(UUID deploymentId, List<RunRow> runs, Instant now) {
        if (runs.isEmpty()) {
            return 0;
        }
        return db.write(dsl -> {
            // A share lock orders this insert against a concurrent pause, which deletes the runs after it.
            var check = dsl.select(DEPLOYMENT.PAUSED).from(DEPLOYMENT.table()).where(DEPLOYMENT.ID.eq(deploymentId));
            Record paused = dsl.dialect() == SQLDialect.POSTGRES ? check.forShare().fetchOne() : check.fetchOne();
            if (paused == null || Boolean.TRUE.equals(paused.get(DEPLOYMENT.PAUSED))) {
                return 0;
            }
            List<RunRow> ordered = runs.stream().sorted(java.util.Comparator.comparing(r -> r.run().idempotencyKey())).toList();
            var policy = Json.toTree(FlowRunPolicy.DEFAULT);
            List<Field<?>> columns = List.of(FLOW_RUN.ID, FLOW_RUN.CREATED, FLOW_RUN.UPDATED, FLOW_RUN.NAME,
                    FLOW_RUN.STATE_TYPE, FLOW_RUN.STATE_NAME, FLOW_RUN.STATE_TIMESTAMP, FLOW_RUN.EXPECTED_START_TIME,
                    FLOW_RUN.NEXT_SCHEDULED_START_TIME, FLOW_RUN.FLOW_ID, FLOW_RUN.DEPLOYMENT_ID, FLOW_RUN.DEPLOYMENT_VERSION,
                    FLOW_RUN.WORK_QUEUE_NAME, FLOW_RUN.WORK_QUEUE_ID, FLOW_RUN.PARAMETERS, FLOW_RUN.IDEMPOTENCY_KEY,
                    FLOW_RUN.EMPIRICAL_POLICY, FLOW_RUN.TAGS, FLOW_RUN.LABELS, FLOW_RUN.CREATED_BY,
                    FLOW_RUN.INFRASTRUCTURE_DOCUMENT_ID, FLOW_RUN.AUTO_SCHEDULED, FLOW_RUN.STATE_ID);
            InsertValuesStepN<Record> insert = dsl.insertInto(FLOW_RUN.table(), columns);
            List<UUID> stateIds = new ArrayList<>();
            for (RunRow r : ordered) {
                ScheduledRun run = r.run();
                UUID stateId = Ids.uuid7(now);
                stateIds.add(stateId);
                insert = insert.values(r.id(), now, now, r.name(), ScheduledRun.STATE_TYPE, ScheduledRun.STATE_NAME, now,
                        run.expectedStartTime(), run.expectedStartTime(), r.flowId(), r.deploymentId(),
                        r.deploymentVersion(), r.workQueueName(), r.workQueueId(), run.parameters(), run.idempotencyKey(),
                        policy, Rows.json(run.tags()), r.labels(), run.createdBy(), r.infrastructureDocumentId(), true,
                        stateId);
            }
            insert.onConflict(Sql.unqualified(FLOW_RUN.FLOW_ID), Sql.unqualified(FLOW_RUN.IDEMPOTENCY_KEY)).doNothing().execute();
            Set<UUID> inserted = new HashSet<>(dsl.select(FLOW_RUN.ID).from(FLOW_RUN.table())
                    .where(FLOW_RUN.ID.in(ordered.stream().map(RunRow::id).toList())).fetch(FLOW_RUN.ID));
            var states = dsl.insertInto(FLOW_RUN_STATE.table(), FLOW_RUN_STATE.ID, FLOW_RUN_STATE.CREATED,
                    FLOW_RUN_STATE.UPDATED, FLOW_RUN_STATE.FLOW_RUN_ID, FLOW_RUN_STATE.TYPE, FLOW_RUN_STATE.TIMESTAMP,
                    FLOW_RUN_STATE.NAME, FLOW_RUN_STATE.MESSAGE, FLOW_RUN_STATE.STATE_DETAILS);
            int count = 0;
            for (int i = 0; i < ordered.size(); i++) {
                RunRow r = ordered.get(i);
                if (inserted.contains(r.id())) {
                    // Like the scheduler's runs on the wire: the state names its scheduled time, not its run.
                    StateDetails details = StateDetails.DEFAULT.withScheduledTime(r.run().expectedStartTime());
                    states = states.values(stateIds.get(i), now, now, r.id(), ScheduledRun.STATE_TYPE, now,
                            ScheduledRun.STATE_NAME, ScheduledRun.STATE_MESSAGE, Json.toTree(details));
                    count++;
                }
            }
            if (count > 0) {
                states.execute();
            }
            return count;
        });
    }

    @Override
    public int markLateRuns(Instant now, Duration after, int limit) {
        return db.write(dsl -> {
            var candidates = dsl.select(FLOW_RUN.ID, FLOW_RUN.NEXT_SCHEDULED_START_TIME).from(FLOW_RUN.table())
                    .where(FLOW_RUN.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED")))
                    .and(FLOW_RUN.STATE_NAME.eq("Scheduled"))
                    .and(FLOW_RUN.NEXT_SCHEDULED_START_TIME.le(now.minus(after)))
                    .orderBy(FLOW_RUN.NEXT_SCHEDULED_START_TIME)
                    .limit(limit);
            // Replicas split the work instead of waiting on each other's rows.
            List<Record> rows = new ArrayList<>(dsl.dialect() == SQLDialect.POSTGRES
                    ? candidates.forUpdate().skipLocked().fetch() : candidates.fetch());
            for (Record row : rows) {
                UUID runId = row.get(FLOW_RUN.ID);
                UUID stateId = Ids.uuid7(now);
                StateDetails details = StateDetails.DEFAULT.withFlowRunId(runId)
                        .withScheduledTime(row.get(FLOW_RUN.NEXT_SCHEDULED_START_TIME));
                dsl.insertInto(FLOW_RUN_STATE.table())
                        .set(FLOW_RUN_STATE.ID, stateId)
                        .set(FLOW_RUN_STATE.CREATED, now)
                        .set(FLOW_RUN_STATE.UPDATED, now)
                        .set(FLOW_RUN_STATE.FLOW_RUN_ID, runId)
                        .set(FLOW_RUN_STATE.TYPE, "SCHEDULED")
                        .set(FLOW_RUN_STATE.TIMESTAMP, now)
                        .set(FLOW_RUN_STATE.NAME, "Late")
                        .set(FLOW_RUN_STATE.STATE_DETAILS, Json.toTree(details))
                        .execute();
                dsl.update(FLOW_RUN.table())
                        .set(FLOW_RUN.STATE_ID, stateId)
                        .set(FLOW_RUN.STATE_NAME, "Late")
                        .set(FLOW_RUN.STATE_TIMESTAMP, now)
                        .set(FLOW_RUN.UPDATED, now)
                        .where(FLOW_RUN.ID.eq(runId))
                        .execute();
            }
            return rows.size();
        });
    }
}
