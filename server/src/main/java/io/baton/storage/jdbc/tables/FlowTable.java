package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

public final class FlowTable extends TableDef {
    public static final FlowTable FLOW = new FlowTable("flow");

    public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
    public final Field<JsonNode> TAGS = col("tags", JSON);
    public final Field<JsonNode> LABELS = col("labels", JSON);

    public FlowTable(String alias) {
        super("flow", alias);
    }
}
