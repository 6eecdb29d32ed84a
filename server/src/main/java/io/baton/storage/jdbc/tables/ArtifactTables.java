package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Artifacts and the latest-per-key collection; both share the artifact columns. */
public final class ArtifactTables {

    private ArtifactTables() {}

    public static final ArtifactTable ARTIFACT = new ArtifactTable("artifact", "artifact");
    public static final ArtifactTable ARTIFACT_COLLECTION = new ArtifactTable("artifact_collection", "artifact_collection");

    public static class ArtifactTable extends TableDef {
        public final Field<String> KEY = col("key", SQLDataType.VARCHAR);
        public final Field<UUID> TASK_RUN_ID = col("task_run_id", UUID_TYPE);
        public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
        public final Field<String> TYPE = col("type", SQLDataType.VARCHAR);
        public final Field<JsonNode> DATA = col("data", JSON);
        public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
        public final Field<JsonNode> METADATA = col("metadata_", JSON);
        /** Only on artifact_collection. */
        public final Field<UUID> LATEST_ID = col("latest_id", UUID_TYPE);

        public ArtifactTable(String name, String alias) {
            super(name, alias);
        }
    }
}
