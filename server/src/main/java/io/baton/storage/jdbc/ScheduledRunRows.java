package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;

import io.baton.storage.jdbc.tables.FlowRunTable;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Deletions of not-yet-started scheduled runs, shared by every write that changes what a deployment schedules. */
final class ScheduledRunRows {

    private ScheduledRunRows() {}

    /**
     * The deployment's auto-scheduled runs that never ran, except those waiting for a concurrency slot (they
     * already hold their place in line). Optionally only the runs one schedule created.
     */
    static int deleteAutoScheduled(DSLContext dsl, UUID deploymentId, UUID scheduleId) {
        Condition bySchedule = scheduleId == null ? DSL.trueCondition()
                : io.baton.storage.jdbc.SqlFunctions.jsonText(dsl.dialect(), FLOW_RUN.CREATED_BY, "id").eq(scheduleId.toString());
        return dsl.deleteFrom(FLOW_RUN.table())
                .where(FLOW_RUN.DEPLOYMENT_ID.eq(deploymentId))
                .and(FLOW_RUN.AUTO_SCHEDULED.isTrue())
                .and(FLOW_RUN.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED")))
                .and(FLOW_RUN.RUN_COUNT.eq(0))
                .and(FLOW_RUN.STATE_NAME.ne("AwaitingConcurrencySlot"))
                .and(bySchedule)
                .execute();
    }

    /** Every SCHEDULED run of the deployment, auto-scheduled or not (deployment deletion). */
    static int deleteAllScheduled(DSLContext dsl, UUID deploymentId) {
        FlowRunTable fr = FLOW_RUN;
        return dsl.deleteFrom(fr.table()).where(fr.DEPLOYMENT_ID.eq(deploymentId)).and(fr.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED"))).execute();
    }

    /** Pausing removes every auto-scheduled SCHEDULED run, started or not. */
    static int deleteAllAutoScheduled(DSLContext dsl, UUID deploymentId) {
        return dsl.deleteFrom(FLOW_RUN.table()).where(FLOW_RUN.DEPLOYMENT_ID.eq(deploymentId))
                .and(FLOW_RUN.AUTO_SCHEDULED.isTrue()).and(FLOW_RUN.STATE_TYPE.eq(Sql.stateLiteral("SCHEDULED"))).execute();
    }
}
