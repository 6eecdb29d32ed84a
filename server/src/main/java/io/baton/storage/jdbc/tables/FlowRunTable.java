package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class FlowRunTable extends TableDef {
    public static final FlowRunTable FLOW_RUN = new FlowRunTable("flow_run");

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
    public final Field<UUID> FLOW_ID = col("flow_id", UUID_TYPE);
    public final Field<UUID> DEPLOYMENT_ID = col("deployment_id", UUID_TYPE);
    public final Field<String> DEPLOYMENT_VERSION = col("deployment_version", SQLDataType.VARCHAR);
    public final Field<String> WORK_QUEUE_NAME = col("work_queue_name", SQLDataType.VARCHAR);
    public final Field<String> FLOW_VERSION = col("flow_version", SQLDataType.VARCHAR);
    public final Field<JsonNode> PARAMETERS = col("parameters", JSON);
    public final Field<String> IDEMPOTENCY_KEY = col("idempotency_key", SQLDataType.VARCHAR);
    public final Field<JsonNode> CONTEXT = col("context", JSON);
    public final Field<JsonNode> EMPIRICAL_POLICY = col("empirical_policy", JSON);
    public final Field<JsonNode> TAGS = col("tags", JSON);
    public final Field<JsonNode> LABELS = col("labels", JSON);
    public final Field<JsonNode> CREATED_BY = col("created_by", JSON);
    public final Field<String> INFRASTRUCTURE_PID = col("infrastructure_pid", SQLDataType.VARCHAR);
    public final Field<JsonNode> JOB_VARIABLES = col("job_variables", JSON);
    public final Field<UUID> INFRASTRUCTURE_DOCUMENT_ID = col("infrastructure_document_id", UUID_TYPE);
    public final Field<UUID> PARENT_TASK_RUN_ID = col("parent_task_run_id", UUID_TYPE);
    public final Field<Boolean> AUTO_SCHEDULED = col("auto_scheduled", SQLDataType.BOOLEAN);
    public final Field<UUID> STATE_ID = col("state_id", UUID_TYPE);
    public final Field<UUID> WORK_QUEUE_ID = col("work_queue_id", UUID_TYPE);

    public FlowRunTable(String alias) {
        super("flow_run", alias);
    }
}
