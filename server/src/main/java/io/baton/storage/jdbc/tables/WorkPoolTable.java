package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class WorkPoolTable extends TableDef {
    public static final WorkPoolTable WORK_POOL = new WorkPoolTable("work_pool");

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
    public final Field<String> TYPE = col("type", SQLDataType.VARCHAR);
    public final Field<JsonNode> BASE_JOB_TEMPLATE = col("base_job_template", JSON);
    public final Field<Boolean> IS_PAUSED = col("is_paused", SQLDataType.BOOLEAN);
    public final Field<UUID> DEFAULT_QUEUE_ID = col("default_queue_id", UUID_TYPE);
    public final Field<Integer> CONCURRENCY_LIMIT = col("concurrency_limit", SQLDataType.INTEGER);
    public final Field<String> STATUS = col("status", SQLDataType.VARCHAR);
    public final Field<Instant> LAST_TRANSITIONED_STATUS_AT = col("last_transitioned_status_at", INSTANT);
    public final Field<UUID> LAST_STATUS_EVENT_ID = col("last_status_event_id", UUID_TYPE);
    public final Field<JsonNode> STORAGE_CONFIGURATION = col("storage_configuration", JSON);

    public WorkPoolTable(String alias) {
        super("work_pool", alias);
    }
}
