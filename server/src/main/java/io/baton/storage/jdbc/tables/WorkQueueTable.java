package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class WorkQueueTable extends TableDef {
    public static final WorkQueueTable WORK_QUEUE = new WorkQueueTable("work_queue");

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<UUID> WORK_POOL_ID = col("work_pool_id", UUID_TYPE);
    public final Field<JsonNode> FILTER = col("filter", JSON);
    public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
    public final Field<Boolean> IS_PAUSED = col("is_paused", SQLDataType.BOOLEAN);
    public final Field<Integer> CONCURRENCY_LIMIT = col("concurrency_limit", SQLDataType.INTEGER);
    public final Field<Integer> PRIORITY = col("priority", SQLDataType.INTEGER);
    public final Field<Instant> LAST_POLLED = col("last_polled", INSTANT);
    public final Field<String> STATUS = col("status", SQLDataType.VARCHAR);

    public WorkQueueTable(String alias) {
        super("work_queue", alias);
    }
}
