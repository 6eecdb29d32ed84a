package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class DeploymentScheduleTable extends TableDef {
    public static final DeploymentScheduleTable DEPLOYMENT_SCHEDULE = new DeploymentScheduleTable("deployment_schedule");

    public final Field<UUID> DEPLOYMENT_ID = col("deployment_id", UUID_TYPE);
    public final Field<JsonNode> SCHEDULE = col("schedule", JSON);
    public final Field<Boolean> ACTIVE = col("active", SQLDataType.BOOLEAN);
    public final Field<Integer> MAX_SCHEDULED_RUNS = col("max_scheduled_runs", SQLDataType.INTEGER);
    public final Field<JsonNode> PARAMETERS = col("parameters", JSON);
    public final Field<String> SLUG = col("slug", SQLDataType.VARCHAR);

    public DeploymentScheduleTable(String alias) {
        super("deployment_schedule", alias);
    }
}
