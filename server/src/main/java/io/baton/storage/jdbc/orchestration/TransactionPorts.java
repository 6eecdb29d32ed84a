package io.baton.storage.jdbc.orchestration;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE_CACHE;

import io.baton.domain.Times;
import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.FlowRunLookup;
import io.baton.domain.orchestration.port.LeasePort;
import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.port.OrchestrationSettings;
import io.baton.domain.orchestration.port.StateHistoryPort;
import io.baton.domain.orchestration.port.TaskCachePort;
import io.baton.storage.jdbc.StateRows;
import io.baton.storage.jdbc.tables.RunStateTables.ResultArtifactTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jooq.DSLContext;

/** The orchestration ports, bound to one open transaction. */
public final class TransactionPorts {

    /** The API keeps microsecond timestamps; the system clock ticks in microseconds so states never need truncating. */
    public static final Clock CLOCK = Times.CLOCK;

    private TransactionPorts() {}

    /** {@code clock} is "now" for every rule: the server's clock (production: {@link #CLOCK}). */
    public static OrchestrationPorts create(DSLContext dsl, ConcurrencyPort concurrency, LeasePort leases, Clock clock) {
        return create(dsl, concurrency, leases, clock, new LatestStates());
    }

    /** As above; {@code latest} holds the latest state timestamps of runs this transaction has read. */
    public static OrchestrationPorts create(DSLContext dsl, ConcurrencyPort concurrency, LeasePort leases, Clock clock,
                                            LatestStates latest) {
        return new OrchestrationPorts(clock, OrchestrationSettings.DEFAULTS, new JdbcDeploymentPort(dsl), concurrency,
                leases, taskCache(dsl), flowRuns(dsl), stateHistory(dsl, latest), RandomGenerator.getDefault());
    }

    /**
     * The latest state timestamp of flow runs read in this transaction: a state proposed after it cannot collide
     * with a stored one, so the uniqueness guard needs no lookup. Forget a run once a state of it is written.
     */
    public static final class LatestStates {
        private final Map<UUID, Optional<Instant>> latest = new HashMap<>();

        /** {@code timestamp} null: the run has no state yet. */
        public void know(UUID flowRunId, Instant timestamp) {
            latest.put(flowRunId, Optional.ofNullable(timestamp));
        }

        public void forget(UUID flowRunId) {
            latest.remove(flowRunId);
        }

        boolean surelyFree(UUID flowRunId, Instant timestamp) {
            Optional<Instant> known = latest.get(flowRunId);
            return known != null && (known.isEmpty() || timestamp.isAfter(known.get()));
        }
    }

    private static TaskCachePort taskCache(DSLContext dsl) {
        return (cacheKey, now) -> {
            StateTable s = TASK_RUN_STATE.as("cached_state");
            ResultArtifactTable a = new ResultArtifactTable("cached_artifact");
            return dsl.select(StateRows.fields(s, a))
                    .from(TASK_RUN_STATE_CACHE.table())
                    .join(s.table()).on(s.ID.eq(TASK_RUN_STATE_CACHE.TASK_RUN_STATE_ID))
                    .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                    .where(TASK_RUN_STATE_CACHE.CACHE_KEY.eq(cacheKey))
                    .and(TASK_RUN_STATE_CACHE.CACHE_EXPIRATION.isNull().or(TASK_RUN_STATE_CACHE.CACHE_EXPIRATION.gt(now)))
                    .orderBy(TASK_RUN_STATE_CACHE.CREATED.desc())
                    .limit(1)
                    .fetchOptional(r -> StateRows.map(r, s, a));
        };
    }

    private static FlowRunLookup flowRuns(DSLContext dsl) {
        return flowRunId -> {
            StateTable s = FLOW_RUN_STATE.as("parent_state");
            ResultArtifactTable a = new ResultArtifactTable("parent_artifact");
            return dsl.select(StateRows.fields(s, a)).select(FLOW_RUN.ID, FLOW_RUN.RUN_COUNT)
                    .from(FLOW_RUN.table())
                    .leftJoin(s.table()).on(s.ID.eq(FLOW_RUN.STATE_ID))
                    .leftJoin(a.table()).on(a.ID.eq(s.RESULT_ARTIFACT_ID))
                    .where(FLOW_RUN.ID.eq(flowRunId))
                    .fetchOptional(r -> new FlowRunLookup.ParentFlowRun(r.get(FLOW_RUN.ID), StateRows.map(r, s, a),
                            r.get(FLOW_RUN.RUN_COUNT)));
        };
    }

    private static StateHistoryPort stateHistory(DSLContext dsl, LatestStates latest) {
        return (flowRunId, timestamp) -> !latest.surelyFree(flowRunId, timestamp)
                && StateRows.flowRunStateExistsAt(dsl, flowRunId, timestamp);
    }

}
