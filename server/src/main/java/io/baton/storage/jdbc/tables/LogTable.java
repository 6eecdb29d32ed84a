package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class LogTable extends TableDef {
    public static final LogTable LOG = new LogTable("log");

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<Integer> LEVEL = col("level", SQLDataType.INTEGER);
    public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
    public final Field<UUID> TASK_RUN_ID = col("task_run_id", UUID_TYPE);
    public final Field<String> MESSAGE = col("message", SQLDataType.VARCHAR);
    public final Field<Instant> TIMESTAMP = col("timestamp", INSTANT);

    public LogTable(String alias) {
        super("log", alias);
    }
}
