package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class DeploymentTable extends TableDef {
    public static final DeploymentTable DEPLOYMENT = new DeploymentTable("deployment");

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<UUID> FLOW_ID = col("flow_id", UUID_TYPE);
    public final Field<String> VERSION = col("version", SQLDataType.VARCHAR);
    public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
    public final Field<String> WORK_QUEUE_NAME = col("work_queue_name", SQLDataType.VARCHAR);
    public final Field<UUID> WORK_QUEUE_ID = col("work_queue_id", UUID_TYPE);
    public final Field<JsonNode> INFRA_OVERRIDES = col("infra_overrides", JSON);
    public final Field<String> PATH = col("path", SQLDataType.VARCHAR);
    public final Field<String> ENTRYPOINT = col("entrypoint", SQLDataType.VARCHAR);
    public final Field<Instant> LAST_POLLED = col("last_polled", INSTANT);
    public final Field<String> STATUS = col("status", SQLDataType.VARCHAR);
    public final Field<Boolean> PAUSED = col("paused", SQLDataType.BOOLEAN);
    public final Field<Integer> CONCURRENCY_LIMIT = col("concurrency_limit", SQLDataType.INTEGER);
    public final Field<UUID> CONCURRENCY_LIMIT_ID = col("concurrency_limit_id", UUID_TYPE);
    public final Field<JsonNode> CONCURRENCY_OPTIONS = col("concurrency_options", JSON);
    public final Field<JsonNode> TAGS = col("tags", JSON);
    public final Field<JsonNode> LABELS = col("labels", JSON);
    public final Field<JsonNode> PARAMETERS = col("parameters", JSON);
    public final Field<JsonNode> PULL_STEPS = col("pull_steps", JSON);
    public final Field<JsonNode> PARAMETER_OPENAPI_SCHEMA = col("parameter_openapi_schema", JSON);
    public final Field<Boolean> ENFORCE_PARAMETER_SCHEMA = col("enforce_parameter_schema", SQLDataType.BOOLEAN);
    public final Field<JsonNode> CREATED_BY = col("created_by", JSON);
    public final Field<JsonNode> UPDATED_BY = col("updated_by", JSON);
    public final Field<UUID> INFRASTRUCTURE_DOCUMENT_ID = col("infrastructure_document_id", UUID_TYPE);
    public final Field<UUID> STORAGE_DOCUMENT_ID = col("storage_document_id", UUID_TYPE);

    public DeploymentTable(String alias) {
        super("deployment", alias);
    }
}
