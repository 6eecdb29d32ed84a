package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** The event store: one {@code events} row per event, one {@code event_resources} row per resource of it. */
public final class EventTables {

    private EventTables() {}

    public static final EventsTable EVENTS = new EventsTable("events");

    public static final class EventsTable extends TableDef {
        public final Field<Instant> OCCURRED = col("occurred", INSTANT);
        public final Field<String> EVENT = col("event", SQLDataType.VARCHAR);
        public final Field<String> RESOURCE_ID = col("resource_id", SQLDataType.VARCHAR);
        public final Field<JsonNode> RESOURCE = col("resource", JSON);
        public final Field<JsonNode> RELATED_RESOURCE_IDS = col("related_resource_ids", JSON);
        public final Field<JsonNode> RELATED = col("related", JSON);
        public final Field<JsonNode> PAYLOAD = col("payload", JSON);
        public final Field<Instant> RECEIVED = col("received", INSTANT);
        public final Field<Instant> RECORDED = col("recorded", INSTANT);
        public final Field<UUID> FOLLOWS = col("follows", UUID_TYPE);

        public EventsTable(String alias) {
            super("events", alias);
        }
    }

    public static final class EventResourcesTable extends TableDef {
        public final Field<Instant> OCCURRED = col("occurred", INSTANT);
        public final Field<String> RESOURCE_ID = col("resource_id", SQLDataType.VARCHAR);
        public final Field<String> RESOURCE_ROLE = col("resource_role", SQLDataType.VARCHAR);
        public final Field<JsonNode> RESOURCE = col("resource", JSON);
        public final Field<UUID> EVENT_ID = col("event_id", UUID_TYPE);

        public EventResourcesTable(String alias) {
            super("event_resources", alias);
        }
    }
}
