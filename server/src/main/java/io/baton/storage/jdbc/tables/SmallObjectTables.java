package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Variables, saved searches and automations with their related resources. */
public final class SmallObjectTables {

    private SmallObjectTables() {}

    public static final VariableTable VARIABLE = new VariableTable();
    public static final SavedSearchTable SAVED_SEARCH = new SavedSearchTable();
    public static final AutomationTable AUTOMATION = new AutomationTable("automation");
    public static final AutomationRelatedResourceTable AUTOMATION_RELATED_RESOURCE = new AutomationRelatedResourceTable();

    public static final class VariableTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<JsonNode> VALUE = col("value", JSON);
        public final Field<JsonNode> TAGS = col("tags", JSON);

        VariableTable() {
            super("variable", "variable");
        }
    }

    public static final class SavedSearchTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<JsonNode> FILTERS = col("filters", JSON);

        SavedSearchTable() {
            super("saved_search", "saved_search");
        }
    }

    public static final class AutomationTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
        public final Field<Boolean> ENABLED = col("enabled", SQLDataType.BOOLEAN);
        public final Field<JsonNode> TAGS = col("tags", JSON);
        public final Field<JsonNode> TRIGGER = col("trigger", JSON);
        public final Field<JsonNode> ACTIONS = col("actions", JSON);
        public final Field<JsonNode> ACTIONS_ON_TRIGGER = col("actions_on_trigger", JSON);
        public final Field<JsonNode> ACTIONS_ON_RESOLVE = col("actions_on_resolve", JSON);

        public AutomationTable(String alias) {
            super("automation", alias);
        }
    }

    public static final class AutomationRelatedResourceTable extends TableDef {
        public final Field<UUID> AUTOMATION_ID = col("automation_id", UUID_TYPE);
        public final Field<String> RESOURCE_ID = col("resource_id", SQLDataType.VARCHAR);
        public final Field<Boolean> OWNED_BY_RESOURCE = col("automation_owned_by_resource", SQLDataType.BOOLEAN);

        AutomationRelatedResourceTable() {
            super("automation_related_resource", "automation_related_resource");
        }
    }
}
