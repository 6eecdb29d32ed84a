package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class WorkerTable extends TableDef {
    public static final WorkerTable WORKER = new WorkerTable("worker");

    public final Field<UUID> WORK_POOL_ID = col("work_pool_id", UUID_TYPE);
    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<Instant> LAST_HEARTBEAT_TIME = col("last_heartbeat_time", INSTANT);
    public final Field<Integer> HEARTBEAT_INTERVAL_SECONDS = col("heartbeat_interval_seconds", SQLDataType.INTEGER);
    public final Field<String> STATUS = col("status", SQLDataType.VARCHAR);

    public WorkerTable(String alias) {
        super("worker", alias);
    }
}
