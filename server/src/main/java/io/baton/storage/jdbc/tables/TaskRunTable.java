package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class TaskRunTable extends RunTable {
    public static final TaskRunTable TASK_RUN = new TaskRunTable("task_run");

    public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
    public final Field<String> TASK_KEY = col("task_key", SQLDataType.VARCHAR);
    public final Field<String> DYNAMIC_KEY = col("dynamic_key", SQLDataType.VARCHAR);
    public final Field<String> CACHE_KEY = col("cache_key", SQLDataType.VARCHAR);
    public final Field<Instant> CACHE_EXPIRATION = col("cache_expiration", INSTANT);
    public final Field<String> TASK_VERSION = col("task_version", SQLDataType.VARCHAR);
    public final Field<Integer> FLOW_RUN_RUN_COUNT = col("flow_run_run_count", SQLDataType.INTEGER);
    public final Field<JsonNode> TASK_INPUTS = col("task_inputs", JSON);

    public TaskRunTable(String alias) {
        super("task_run", alias);
    }
}
