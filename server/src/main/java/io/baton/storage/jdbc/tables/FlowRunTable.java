package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class FlowRunTable extends RunTable {
    public static final FlowRunTable FLOW_RUN = new FlowRunTable("flow_run");

    public final Field<UUID> FLOW_ID = col("flow_id", UUID_TYPE);
    public final Field<UUID> DEPLOYMENT_ID = col("deployment_id", UUID_TYPE);
    public final Field<String> DEPLOYMENT_VERSION = col("deployment_version", SQLDataType.VARCHAR);
    public final Field<String> WORK_QUEUE_NAME = col("work_queue_name", SQLDataType.VARCHAR);
    public final Field<String> FLOW_VERSION = col("flow_version", SQLDataType.VARCHAR);
    public final Field<JsonNode> PARAMETERS = col("parameters", JSON);
    public final Field<String> IDEMPOTENCY_KEY = col("idempotency_key", SQLDataType.VARCHAR);
    public final Field<JsonNode> CONTEXT = col("context", JSON);
    public final Field<JsonNode> CREATED_BY = col("created_by", JSON);
    public final Field<String> INFRASTRUCTURE_PID = col("infrastructure_pid", SQLDataType.VARCHAR);
    public final Field<JsonNode> JOB_VARIABLES = col("job_variables", JSON);
    public final Field<UUID> INFRASTRUCTURE_DOCUMENT_ID = col("infrastructure_document_id", UUID_TYPE);
    public final Field<UUID> PARENT_TASK_RUN_ID = col("parent_task_run_id", UUID_TYPE);
    public final Field<Boolean> AUTO_SCHEDULED = col("auto_scheduled", SQLDataType.BOOLEAN);
    public final Field<UUID> WORK_QUEUE_ID = col("work_queue_id", UUID_TYPE);

    public FlowRunTable(String alias) {
        super("flow_run", alias);
    }
}
