package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Run state history, result artifacts of states, the task cache and flow-run inputs. */
public final class RunStateTables {

    private RunStateTables() {}

    public static final StateTable FLOW_RUN_STATE = new StateTable("flow_run_state", "flow_run_state", "flow_run_id");
    public static final StateTable TASK_RUN_STATE = new StateTable("task_run_state", "task_run_state", "task_run_id");
    public static final TaskRunStateCacheTable TASK_RUN_STATE_CACHE = new TaskRunStateCacheTable();
    public static final FlowRunInputTable FLOW_RUN_INPUT = new FlowRunInputTable();
    public static final ResultArtifactTable RESULT_ARTIFACT = new ResultArtifactTable("artifact");

    /** flow_run_state and task_run_state share their shape; {@code RUN_ID} is the owning run. */
    public static final class StateTable extends TableDef {
        public final Field<UUID> RUN_ID;
        public final Field<String> TYPE = col("type", SQLDataType.VARCHAR);
        public final Field<Instant> TIMESTAMP = col("timestamp", INSTANT);
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<String> MESSAGE = col("message", SQLDataType.VARCHAR);
        public final Field<JsonNode> STATE_DETAILS = col("state_details", JSON);
        public final Field<JsonNode> DATA = col("data", JSON);
        public final Field<UUID> RESULT_ARTIFACT_ID = col("result_artifact_id", UUID_TYPE);

        public StateTable(String name, String alias, String runIdColumn) {
            super(name, alias);
            this.RUN_ID = col(runIdColumn, UUID_TYPE);
        }

        public StateTable as(String alias) {
            return new StateTable(tableName(), alias, RUN_ID.getName());
        }
    }

    public static final class TaskRunStateCacheTable extends TableDef {
        public final Field<String> CACHE_KEY = col("cache_key", SQLDataType.VARCHAR);
        public final Field<Instant> CACHE_EXPIRATION = col("cache_expiration", INSTANT);
        public final Field<UUID> TASK_RUN_STATE_ID = col("task_run_state_id", UUID_TYPE);

        TaskRunStateCacheTable() {
            super("task_run_state_cache", "task_run_state_cache");
        }
    }

    public static final class FlowRunInputTable extends TableDef {
        public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
        public final Field<String> KEY = col("key", SQLDataType.VARCHAR);
        public final Field<String> VALUE = col("value", SQLDataType.VARCHAR);
        public final Field<String> SENDER = col("sender", SQLDataType.VARCHAR);

        FlowRunInputTable() {
            super("flow_run_input", "flow_run_input");
        }
    }

    /** The artifact columns a state's result needs (artifacts as such belong to the artifacts API). */
    public static final class ResultArtifactTable extends TableDef {
        public final Field<String> KEY = col("key", SQLDataType.VARCHAR);
        public final Field<UUID> TASK_RUN_ID = col("task_run_id", UUID_TYPE);
        public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
        public final Field<String> TYPE = col("type", SQLDataType.VARCHAR);
        public final Field<JsonNode> DATA = col("data", JSON);
        public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
        public final Field<JsonNode> METADATA = col("metadata_", JSON);

        public ResultArtifactTable(String alias) {
            super("artifact", alias);
        }
    }
}
