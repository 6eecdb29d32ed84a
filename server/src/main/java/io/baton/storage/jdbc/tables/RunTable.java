package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** The columns flow runs and task runs share: name, denormalized state, run bookkeeping, tags. */
public abstract class RunTable extends TableDef {

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<String> STATE_TYPE = col("state_type", SQLDataType.VARCHAR);
    public final Field<String> STATE_NAME = col("state_name", SQLDataType.VARCHAR);
    public final Field<Instant> STATE_TIMESTAMP = col("state_timestamp", INSTANT);
    public final Field<Integer> RUN_COUNT = col("run_count", SQLDataType.INTEGER);
    public final Field<Instant> EXPECTED_START_TIME = col("expected_start_time", INSTANT);
    public final Field<Instant> NEXT_SCHEDULED_START_TIME = col("next_scheduled_start_time", INSTANT);
    public final Field<Instant> START_TIME = col("start_time", INSTANT);
    public final Field<Instant> END_TIME = col("end_time", INSTANT);
    public final Field<Double> TOTAL_RUN_TIME = col("total_run_time", SQLDataType.DOUBLE);
    public final Field<JsonNode> EMPIRICAL_POLICY = col("empirical_policy", JSON);
    public final Field<JsonNode> TAGS = col("tags", JSON);
    public final Field<JsonNode> LABELS = col("labels", JSON);
    public final Field<UUID> STATE_ID = col("state_id", UUID_TYPE);

    protected RunTable(String name, String alias) {
        super(name, alias);
    }
}
