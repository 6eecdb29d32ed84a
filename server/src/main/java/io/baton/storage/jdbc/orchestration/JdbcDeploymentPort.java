package io.baton.storage.jdbc.orchestration;

import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.orchestration.port.CollisionStrategy;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.orchestration.port.DeploymentPort;
import io.baton.storage.jdbc.ColumnTypes;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Reads a deployment's concurrency facts: its {@code deployment:<id>} limit and concurrency options. */
final class JdbcDeploymentPort implements DeploymentPort {

    private static final Field<UUID> LIMIT_ID = DSL.field(DSL.name("concurrency_limit_v2", "id"), ColumnTypes.UUID_TYPE);
    private static final Field<String> LIMIT_NAME = DSL.field(DSL.name("concurrency_limit_v2", "name"), SQLDataType.VARCHAR);
    private static final Field<Integer> LIMIT = DSL.field(DSL.quotedName("concurrency_limit_v2", "limit"), SQLDataType.INTEGER); // a reserved word
    private static final Field<Boolean> ACTIVE = DSL.field(DSL.name("concurrency_limit_v2", "active"), SQLDataType.BOOLEAN);
    private static final Field<Integer> ACTIVE_SLOTS = DSL.field(DSL.name("concurrency_limit_v2", "active_slots"), SQLDataType.INTEGER);
    private static final Field<Double> AVG_OCCUPANCY =
            DSL.field(DSL.name("concurrency_limit_v2", "avg_slot_occupancy_seconds"), SQLDataType.DOUBLE);

    private final DSLContext dsl;

    JdbcDeploymentPort(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<DeploymentConcurrency> findDeployment(UUID deploymentId) {
        return dsl.select(DEPLOYMENT.ID, DEPLOYMENT.CONCURRENCY_OPTIONS, LIMIT_ID, LIMIT_NAME, LIMIT, ACTIVE,
                        ACTIVE_SLOTS, AVG_OCCUPANCY)
                .from(DEPLOYMENT.table())
                .leftJoin(DSL.table(DSL.name("concurrency_limit_v2"))).on(LIMIT_ID.eq(DEPLOYMENT.CONCURRENCY_LIMIT_ID))
                .where(DEPLOYMENT.ID.eq(deploymentId))
                .fetchOptional(JdbcDeploymentPort::map);
    }

    private static DeploymentConcurrency map(Record r) {
        JsonNode options = r.get(DEPLOYMENT.CONCURRENCY_OPTIONS);
        CollisionStrategy strategy = CollisionStrategy.ENQUEUE;
        Integer grace = null;
        if (options != null && options.isObject()) {
            if ("CANCEL_NEW".equals(options.path("collision_strategy").asText())) {
                strategy = CollisionStrategy.CANCEL_NEW;
            }
            JsonNode g = options.get("grace_period_seconds");
            grace = g == null || g.isNull() ? null : g.asInt();
        }
        ConcurrencyLimit limit = r.get(LIMIT_ID) == null ? null : new ConcurrencyLimit(r.get(LIMIT_ID), r.get(LIMIT_NAME),
                r.get(LIMIT), Boolean.TRUE.equals(r.get(ACTIVE)), r.get(ACTIVE_SLOTS) == null ? 0 : r.get(ACTIVE_SLOTS),
                r.get(AVG_OCCUPANCY) == null ? 2.0 : r.get(AVG_OCCUPANCY));
        return new DeploymentConcurrency(r.get(DEPLOYMENT.ID), limit, strategy, grace);
    }
}
